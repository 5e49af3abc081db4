import CallgateCore
import Foundation
import Testing

/// The JSON files under `Fixtures/`, by folder and name (without `.json`).
enum Fixtures {
    static let goodReplies = "replies/good"
    static let badReplies = "replies/bad"
    static let events = "events"

    static var root: URL? { Bundle.module.url(forResource: "Fixtures", withExtension: nil) }

    /// The fixture names in a folder, sorted; the arguments of the parameterized tests.
    static func names(in folder: String) -> [String] {
        guard let root else { return [] }
        let files = (try? FileManager.default.contentsOfDirectory(atPath: root.appending(path: folder).path)) ?? []
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(".json".count)) }.sorted()
    }

    static func data(_ name: String, in folder: String) throws -> Data {
        let root = try #require(root, "the Fixtures folder is not among the test resources")
        return try Data(contentsOf: root.appending(path: folder).appending(path: "\(name).json"))
    }

    static func json(_ name: String, in folder: String) throws -> JSONValue {
        try JSONValue.parse(data(name, in: folder))
    }

    /// A reply from `replies/good`, parsed the way the engine parses a scenario's stdout.
    static func goodReply(_ name: String) throws -> Reply {
        try Reply.parse(data(name, in: goodReplies))
    }
}
