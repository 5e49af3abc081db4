import Foundation
import Logging
import Testing
@testable import Media

/// Recording files and their folder are private to the engine's user and group, and a nearly full
/// disk refuses a recording instead of filling up (issue 9, part 6).
@Suite struct RecordingFolderTests {
    let logger = Logger(label: "RecordingFolderTests")

    func mode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test func theFolderIsCreatedWithMode0750() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let folder = RecordingFolder(dataDirectory: temp.path, minimumFreeMB: 1, freeBytes: { _ in 10 << 30 })
        #expect(try folder.prepare(logger: logger) == temp.path + "/recordings")
        #expect(try mode(folder.path) == 0o750)
    }

    @Test func aWiderFolderFromBeforeIsTightened() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        try FileManager.default.createDirectory(atPath: temp.file("recordings"), withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o777])
        try RecordingFolder(dataDirectory: temp.path, minimumFreeMB: 0).prepare(logger: logger)
        #expect(try mode(temp.file("recordings")) == 0o750)
    }

    @Test func belowTheFreeSpaceFloorTheRecordingIsRefused() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let folder = RecordingFolder(dataDirectory: temp.path, minimumFreeMB: 500, freeBytes: { _ in 499 * 1_048_576 + 1 })
        #expect(throws: RecordingRefusal.lowDisk(freeMB: 499, minimumMB: 500, dataDirectory: temp.path)) {
            try folder.prepare(logger: logger)
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path), "nothing written when refused")
        let refusal = RecordingRefusal.lowDisk(freeMB: 499, minimumMB: 500, dataDirectory: "/srv/callgate/var")
        #expect(refusal.description == "only 499 MB free under /srv/callgate/var, below limits.min_free_disk_mb (500 MB)")
        // At the floor exactly it starts.
        let atFloor = RecordingFolder(dataDirectory: temp.path, minimumFreeMB: 500, freeBytes: { _ in 500 * 1_048_576 })
        #expect(throws: Never.self) { try atFloor.prepare(logger: logger) }
    }

    @Test func theRealFreeSpaceIsMeasured() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let free = try #require(DiskSpace.available(under: temp.path))
        #expect(free > 0)
        #expect(DiskSpace.available(under: temp.file("missing")) == nil)
        // No machine has an exabyte free: the real statvfs path refuses.
        let folder = RecordingFolder(dataDirectory: temp.path, minimumFreeMB: 1_000_000_000)
        #expect(throws: RecordingRefusal.self) { try folder.prepare(logger: logger) }
    }

    @Test func recordingFilesAreMode0640EvenOverAnOlderFile() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let fresh = try WAVWriter(path: temp.file("fresh.wav"))
        try fresh.close()
        #expect(try mode(temp.file("fresh.wav")) == 0o640)
        FileManager.default.createFile(atPath: temp.file("old.wav"), contents: Data([1, 2, 3]), attributes: [.posixPermissions: 0o666])
        let over = try WAVWriter(path: temp.file("old.wav"))
        try over.close()
        #expect(try mode(temp.file("old.wav")) == 0o640)
    }
}
