import Config
import Testing

/// Agents: hashed passwords only, well-formed and unique extensions.
@Suite struct AgentRuleTests {
    static let route = "routes:\n  - match: \"*\"\n    scenario: demo-ivr.sh\n"
    static let hash = "md5:9bf27cb60eaf5577521b9ee4a59bf9f2"

    static func agents(_ lines: String) -> String { route + "agents:\n" + lines }

    @Test func clearPasswordIsRefusedWithTheCommandToRun() {
        let yaml = Self.agents("  - extension: \"1001\"\n    password: secret\n")
        #expect(ConfigFixture.error(yaml) == "callgate.yaml: agents[0].password: clear-text passwords are not accepted; run `callgate passwd 1001` and put the md5:… it prints in password_hash")
    }

    @Test(arguments: [
        "md5:9BF27CB60EAF5577521B9EE4A59BF9F2",
        "9bf27cb60eaf5577521b9ee4a59bf9f2",
        "md5:9bf27cb60eaf5577521b9ee4a59bf9f",
        "md5:9bf27cb60eaf5577521b9ee4a59bf9f2a",
        "md5:9bf27cb60eaf5577521b9ee4a59bf9g2",
        "sha256:9bf27cb60eaf5577521b9ee4a59bf9f2",
    ])
    func malformedHashIsRefusedWithoutEchoingIt(hash: String) {
        let error = ConfigFixture.error(Self.agents("  - extension: \"1002\"\n    password_hash: \"\(hash)\"\n"))
        #expect(error == "callgate.yaml: agents[0].password_hash: must be \"md5:\" followed by 32 lowercase hex digits, as `callgate passwd 1002` prints it")
    }

    @Test func missingHashSaysHowToMakeOne() {
        #expect(ConfigFixture.error(Self.agents("  - extension: \"1002\"\n")) == "callgate.yaml: agents[0].password_hash: is required; run `callgate passwd 1002` and put the md5:… it prints here")
    }

    @Test(arguments: ["1", "12345678901", "10a", "+100", "١٢٣"])
    func badExtensionIsRefused(ext: String) {
        let error = ConfigFixture.error(Self.agents("  - extension: \"\(ext)\"\n    password_hash: \"\(Self.hash)\"\n"))
        #expect(error == "callgate.yaml: agents[0].extension: must be 2 to 10 digits, got \"\(ext)\"")
    }

    @Test func duplicateExtensionNamesTheFirstUse() {
        let yaml = Self.agents("""
              - {extension: "1001", password_hash: "\(Self.hash)"}
              - {extension: "1002", password_hash: "\(Self.hash)"}
              - {extension: 1001, password_hash: "\(Self.hash)"}

            """)
        #expect(ConfigFixture.error(yaml) == "callgate.yaml: agents[2].extension: \"1001\" is already used by agents[0]")
    }

    @Test func agentLookupAndNameDefault() throws {
        let config = try ConfigFixture.parse(Self.agents("  - {extension: 42, password_hash: \"\(Self.hash)\"}\n  - {extension: \"0042\", name: Dora, password_hash: \"\(Self.hash)\"}\n"))
        #expect(config.agent(extension: "42")?.name == "42")
        #expect(config.agent(extension: "0042")?.name == "Dora")
        #expect(config.agent(extension: "0042")?.ha1 == "9bf27cb60eaf5577521b9ee4a59bf9f2")
        #expect(config.agent(extension: "43") == nil)
    }

    @Test func supervisesNamesConfiguredQueuesOrAll() throws {
        let queues = "queues:\n  - name: support\n  - name: billing\n"
        let ok = try ConfigFixture.parse(Self.route + queues + "agents:\n  - extension: \"1003\"\n    password_hash: \"\(Self.hash)\"\n    supervises: [support]\n"
            + "  - extension: \"1004\"\n    password_hash: \"\(Self.hash)\"\n    supervises: [\"*\"]\n")
        #expect(ok.agents[0].maySupervise(queue: "support"))
        #expect(!ok.agents[0].maySupervise(queue: "billing"))
        #expect(ok.agents[1].maySupervise(queue: "billing"))
        let error = ConfigFixture.error(Self.route + queues + "agents:\n  - extension: \"1003\"\n    password_hash: \"\(Self.hash)\"\n    supervises: [sales]\n")
        #expect(error == "callgate.yaml: agents[0].supervises[0]: \"sales\" is not a configured queue; expected \"*\" or one of: support, billing")
    }
}
