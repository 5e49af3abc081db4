import Foundation

/// A fresh folder under the system's temporary directory, removed by the test when done.
struct TemporaryFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "callgate-storage-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// A database path one folder below, so that `CallStore(path:)` must create the folder.
    var databasePath: String { path + "/var/callgate.sqlite" }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
