import CallgateCore
import Config
import Foundation
import Testing

/// The embedded default is valid, complete, and its demo hashes are the documented passwords'.
@Suite struct DefaultConfigTests {
    @Test func embeddedDefaultParsesAndValidates() throws {
        let config = try CallgateConfig.embeddedDefault(baseDirectory: "/srv/callgate")
        try config.validate(checkFiles: false)
        #expect(config.file == "(embedded default)")
        #expect(config.sip.listen == HostPort(host: "127.0.0.1", port: 5060))
        #expect(config.sip.publicAddress == "127.0.0.1")
        #expect(config.sip.realm == "callgate")
        #expect(config.http.listen.description == "127.0.0.1:8080")
        #expect(config.dataDir.resolved == "/srv/callgate/var")
        #expect(config.routes.count == 1)
        let route = try #require(config.routes.first)
        #expect(route.match.text == "*")
        #expect(route.scenario.written == "demo-ivr.sh")
        #expect(route.scenario.resolved == "/srv/callgate/scenarios/demo-ivr.sh")
        #expect(route.fallback == .errorPrompt)
        #expect(config.agents.map(\.extension) == ["1001", "1002", "1003"])
        #expect(config.agents.map(\.name) == ["Alice", "Bob", "Carol"])
        #expect(config.queues.map(\.name) == ["support", "billing"])
        #expect(config.queues.map(\.strategy) == [.longestIdle, .fewestCalls])
        #expect(config.agents.map(\.queues) == [["support"], ["support", "billing"], ["billing"]])
        #expect(config.agents.allSatisfy { !$0.skills.isEmpty })
        #expect(config.http.token == "demo-token-change-me-0001")
        #expect(config.trunks.isEmpty)
    }

    @Test func embeddedDefaultFindsTheRepositoryScenarios() throws {
        let config = try CallgateConfig.embeddedDefault(baseDirectory: ConfigFixture.repositoryRoot)
        try config.validate(checkFiles: true)
        #expect(FileManager.default.isExecutableFile(atPath: config.routes[0].scenario.resolved))
    }

    @Test func embeddedDefaultStatesEveryDefault() throws {
        let explicit = try CallgateConfig.embeddedDefault(baseDirectory: "/srv/callgate")
        let implicit = try ConfigFixture.parse(ConfigFixture.minimal, base: "/srv/callgate")
        #expect(implicit.sip == explicit.sip)
        #expect(implicit.rtp == explicit.rtp)
        #expect(implicit.http.listen == explicit.http.listen)
        #expect(implicit.http.token == nil)
        #expect(explicit.http.token == CallgateConfig.HTTP.demoToken)
        // The support queue spells out every queue default; billing only its strategy.
        #expect(explicit.queues == [QueueSettings(name: "support"), QueueSettings(name: "billing", strategy: .fewestCalls)])
        #expect(implicit.tts == explicit.tts)
        #expect(implicit.limits == explicit.limits)
        #expect(implicit.dataDir == explicit.dataDir)
        #expect(implicit.scenariosDir == explicit.scenariosDir)
        #expect(implicit.soundsDir == explicit.soundsDir)
        #expect(implicit.routes == explicit.routes)
    }

    @Test(arguments: [("1001", "demo1001"), ("1002", "demo1002"), ("1003", "demo1003")])
    func demoHashesAreTheDocumentedPasswords(ext: String, password: String) throws {
        let config = try CallgateConfig.embeddedDefault()
        let agent = try #require(config.agent(extension: ext))
        #expect(agent.passwordHash == "md5:" + (try md5sum("\(ext):callgate:\(password)")))
        #expect(agent.ha1.count == 32)
    }

    /// MD5 through coreutils: Config itself hashes nothing.
    func md5sum(_ text: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/md5sum")
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(String(decoding: data, as: UTF8.self).prefix(32))
    }
}

extension DefaultConfigTests {
    /// docs/configuration.md shows the embedded default as its complete example: keep them one.
    @Test func documentationShowsTheEmbeddedDefault() throws {
        let docs = try String(contentsOfFile: ConfigFixture.repositoryRoot + "/docs/configuration.md", encoding: .utf8)
        #expect(docs.contains("```yaml\n" + CallgateConfig.embeddedDefaultYAML + "\n```"))
    }
}
