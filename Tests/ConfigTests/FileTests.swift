import Config
import Foundation
import Testing

/// Loading from disk: paths resolve against the file's folder; scenario files are checked.
@Suite struct FileTests {
    @Test func relativePathsResolveAgainstTheFilesFolder() throws {
        let folder = try ConfigFolder()
        defer { folder.remove() }
        let file = try folder.write("etc/callgate.yaml", """
            data_dir: ../var
            scenarios_dir: /opt/callgate/scenarios
            routes:
              - {match: "*", scenario: ivr/main.sh, fallback: {scenario: /usr/local/bin/backup}}
            """)
        let config = try CallgateConfig.load(file: file)
        let base = URL(fileURLWithPath: folder.path).standardizedFileURL.path
        #expect(config.baseDirectory == base + "/etc")
        #expect(config.dataDir.resolved == base + "/var")
        #expect(config.soundsDir.resolved == base + "/etc/sounds")
        #expect(config.scenariosDir.resolved == "/opt/callgate/scenarios")
        #expect(config.routes[0].scenario.resolved == "/opt/callgate/scenarios/ivr/main.sh")
        #expect(config.routes[0].fallback.callFallback == .scenario("/usr/local/bin/backup"))
    }

    @Test func errorsNameTheFileAsGiven() throws {
        let folder = try ConfigFolder()
        defer { folder.remove() }
        let file = try folder.write("callgate.yaml", "rtp:\n  port_min: 7\n" + ConfigFixture.minimal)
        #expect(throws: ConfigError(file: file, keyPath: "rtp.port_min", message: "must be an even number between 1024 and 65534, got 7")) {
            try CallgateConfig.load(file: file)
        }
    }

    @Test func missingOrFolderFileIsAnError() throws {
        let folder = try ConfigFolder()
        defer { folder.remove() }
        #expect(throws: ConfigError(file: folder.path + "/nope.yaml", message: "does not exist")) {
            try CallgateConfig.load(file: folder.path + "/nope.yaml")
        }
        #expect(throws: ConfigError(file: folder.path, message: "is a folder, not a configuration file")) {
            try CallgateConfig.load(file: folder.path)
        }
        let binary = folder.path + "/binary.yaml"
        try Data([0xff, 0xfe, 0x00, 0xc3]).write(to: URL(fileURLWithPath: binary))
        #expect(throws: ConfigError(file: binary, message: "is not UTF-8 text")) {
            try CallgateConfig.load(file: binary)
        }
    }

    @Test func scenarioFilesAreCheckedOnlyWhenAsked() throws {
        let folder = try ConfigFolder()
        defer { folder.remove() }
        try folder.write("scenarios/ok.sh", "#!/bin/sh\n", executable: true)
        try folder.write("scenarios/plain.sh", "#!/bin/sh\n", executable: false)
        try FileManager.default.createDirectory(atPath: folder.path + "/scenarios/dir", withIntermediateDirectories: true)
        func check(_ routes: String) throws(ConfigError) {
            let file = try? folder.write("callgate.yaml", "routes:\n" + routes)
            let config = try CallgateConfig.load(file: file ?? "")
            try config.validate(checkFiles: true)
        }
        let scenarios = URL(fileURLWithPath: folder.path).standardizedFileURL.path + "/scenarios"

        try check("  - {match: \"1\", scenario: ok.sh}\n")
        #expect(throws: ConfigError(file: folder.path + "/callgate.yaml", keyPath: "routes[1].scenario", message: "\"menu.sh\" was not found in scenarios/")) {
            try check("  - {match: \"1\", scenario: ok.sh}\n  - {match: \"2\", scenario: menu.sh}\n")
        }
        #expect(throws: ConfigError(file: folder.path + "/callgate.yaml", keyPath: "routes[0].scenario", message: "\"plain.sh\" in scenarios/ is not executable; run: chmod +x \(scenarios)/plain.sh")) {
            try check("  - {match: \"1\", scenario: plain.sh}\n")
        }
        #expect(throws: ConfigError(file: folder.path + "/callgate.yaml", keyPath: "routes[0].scenario", message: "\"dir\" in scenarios/ is a folder, not an executable file")) {
            try check("  - {match: \"1\", scenario: dir}\n")
        }
        #expect(throws: ConfigError(file: folder.path + "/callgate.yaml", keyPath: "routes[0].fallback.scenario", message: "\"gone.sh\" was not found in scenarios/")) {
            try check("  - {match: \"1\", scenario: ok.sh, fallback: {scenario: gone.sh}}\n")
        }
        #expect(throws: ConfigError(file: folder.path + "/callgate.yaml", keyPath: "routes[0].scenario", message: "\"/no/such/file\" was not found")) {
            try check("  - {match: \"1\", scenario: /no/such/file}\n")
        }
        // Without the file check, the same configuration loads.
        let file = try folder.write("callgate.yaml", "routes:\n  - {match: \"2\", scenario: menu.sh}\n")
        #expect(try CallgateConfig.load(file: file).routes.count == 1)
    }
}
