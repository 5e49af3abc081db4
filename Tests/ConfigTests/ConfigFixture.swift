import Config
import Foundation

/// Helpers to parse configuration text as `callgate.yaml` and read the error it produces.
enum ConfigFixture {
    static let file = "callgate.yaml"
    static let base = "/srv/callgate"

    /// The smallest valid configuration: one route.
    static let minimal = """
        routes:
          - match: "*"
            scenario: demo-ivr.sh
        """

    static func parse(_ yaml: String, base: String = base) throws(ConfigError) -> CallgateConfig {
        try CallgateConfig.parse(yaml: yaml, file: file, baseDirectory: base)
    }

    /// The printed error for `yaml`, or nil when it parses.
    static func error(_ yaml: String) -> String? {
        do {
            _ = try parse(yaml)
            return nil
        } catch {
            return error.description
        }
    }

    /// The repository's root, for its scenarios/ folder.
    static var repositoryRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }
}

/// A temporary folder holding a configuration file and scenarios.
struct ConfigFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "callgate-config-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path + "/scenarios", withIntermediateDirectories: true)
    }

    @discardableResult
    func write(_ relative: String, _ text: String, executable: Bool = false) throws -> String {
        let file = path + "/" + relative
        try FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: file).deletingLastPathComponent().path, withIntermediateDirectories: true)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: executable ? 0o755 : 0o644], ofItemAtPath: file)
        return file
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
