import Foundation
import Logging
import Synchronization
import Testing
@testable import Media

/// `recordings.keep_days`: old recordings and unused TTS cache entries go, once a day on an
/// injected clock, with a log line of what went (issue 9, part 6).
@Suite struct RetentionTests {
    static let day: TimeInterval = 86_400
    static let today = Date(timeIntervalSince1970: 1_796_000_000)

    /// Log messages at info and above, for checking what a sweep says.
    final class Messages: LogHandler, @unchecked Sendable {
        let lines = Mutex<[String]>([])
        var logLevel: Logger.Level = .info
        var metadata: Logger.Metadata = [:]
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) { lines.withLock { $0.append("\(event.message)") } }
        var all: [String] { lines.withLock { $0 } }
    }

    struct Folders {
        let temp: TemporaryDirectory
        var recordings: String { temp.file("recordings") }
        var cache: String { temp.file("cache") }

        init() throws {
            temp = try TemporaryDirectory()
            try FileManager.default.createDirectory(atPath: temp.file("recordings"), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: temp.file("cache"), withIntermediateDirectories: true)
        }

        /// A file last written `daysAgo` days before `RetentionTests.today`.
        func file(_ path: String, daysAgo: Double) throws {
            let full = temp.file(path)
            FileManager.default.createFile(atPath: full, contents: Data(count: 1024))
            try FileManager.default.setAttributes([.modificationDate: RetentionTests.today.addingTimeInterval(-daysAgo * RetentionTests.day)],
                                                  ofItemAtPath: full)
        }

        func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: temp.file(path)) }
    }

    @Test func removesOldRecordingsAndUnusedSpeechOnly() throws {
        let folders = try Folders()
        defer { folders.temp.remove() }
        try folders.file("recordings/c-1-1.wav", daysAgo: 31)
        try folders.file("recordings/c-2-1.wav", daysAgo: 29)
        try folders.file("recordings/notes.txt", daysAgo: 400)       // not ours
        try folders.file("cache/tts-aaaa.wav", daysAgo: 45)
        try folders.file("cache/tts-bbbb.wav", daysAgo: 2)
        try folders.file("cache/file-cccc-welcome.wav", daysAgo: 400) // a sounds conversion, not speech
        try FileManager.default.createSymbolicLink(atPath: folders.temp.file("recordings/link.wav"), withDestinationPath: "/etc/hostname")
        let messages = Messages()
        let sweep = RetentionSweep(recordingsDirectory: folders.recordings, cacheDirectory: folders.cache, keepDays: 30,
                                   logger: Logger(label: "t") { _ in messages })
        let removed = sweep.run(now: Self.today)
        #expect(removed.recordings == ["c-1-1.wav"])
        #expect(removed.cacheEntries == ["tts-aaaa.wav"])
        #expect(removed.bytes == 2048)
        #expect(!folders.exists("recordings/c-1-1.wav") && !folders.exists("cache/tts-aaaa.wav"))
        for kept in ["recordings/c-2-1.wav", "recordings/notes.txt", "cache/tts-bbbb.wav", "cache/file-cccc-welcome.wav"] {
            #expect(folders.exists(kept), "\(kept) kept")
        }
        #expect(messages.all == ["retention: removed 1 recordings and 1 unused TTS cache entries older than 30 days (2 KiB): c-1-1.wav, tts-aaaa.wav"])
    }

    @Test func keepDaysZeroKeepsEverything() throws {
        let folders = try Folders()
        defer { folders.temp.remove() }
        try folders.file("recordings/c-1-1.wav", daysAgo: 10_000)
        let sweep = RetentionSweep(recordingsDirectory: folders.recordings, cacheDirectory: folders.cache, keepDays: 0,
                                   logger: Logger(label: "t"))
        #expect(sweep.run(now: Self.today).isEmpty)
        #expect(folders.exists("recordings/c-1-1.wav"))
    }

    @Test func sweepsAtStartThenOnceADayOfTheInjectedClock() async throws {
        let folders = try Folders()
        defer { folders.temp.remove() }
        try folders.file("recordings/old.wav", daysAgo: 8)
        try folders.file("recordings/later.wav", daysAgo: 6.5)   // old enough one day later
        let wall = Mutex(Self.today)
        let clock = ManualClock()
        let sweep = RetentionSweep(recordingsDirectory: folders.recordings, cacheDirectory: folders.cache, keepDays: 7,
                                   logger: Logger(label: "t"))
        let schedule = RetentionSchedule(sweep: sweep, clock: clock, wallClock: { wall.withLock { $0 } })
        let running = Task { await schedule.run() }

        // The first sweep runs at once, then the schedule sleeps for a day.
        #expect(await eventually { clock.sleeperCount == 1 })
        #expect(!folders.exists("recordings/old.wav"))
        #expect(folders.exists("recordings/later.wav"))

        // 23 hours: nothing is due, nothing runs.
        wall.withLock { $0 = Self.today.addingTimeInterval(Self.day) }
        clock.advance(by: .seconds(23 * 3600))
        #expect(clock.sleeperCount == 1)
        #expect(folders.exists("recordings/later.wav"))

        // The day is up: the second sweep takes what has aged past seven days since.
        clock.advance(by: .seconds(3600))
        #expect(await eventually { !folders.exists("recordings/later.wav") })
        #expect(await eventually { clock.sleeperCount == 1 })

        running.cancel()
        await running.value
    }
}

extension RetentionTests {
    /// Speech said again, even from memory, dates its cache file anew: the sweep keeps what is used.
    @Test func speakingACachedTextMarksItUsed() async throws {
        let setup = try PromptLibraryTests.Setup()
        defer { setup.folder.remove() }
        let library = setup.library(speechCommand: ["espeak-ng", "-v", "{voice}", "--stdout", "{text}"])
        _ = try await library.clip(speech: "Your call matters")
        let entries = try FileManager.default.contentsOfDirectory(atPath: setup.cache).filter { $0.hasPrefix("tts-") }
        let entry = try #require(entries.first.map { setup.cache + "/" + $0 })
        let longAgo = Date(timeIntervalSinceNow: -100 * Self.day)
        try FileManager.default.setAttributes([.modificationDate: longAgo], ofItemAtPath: entry)
        _ = try await library.clip(speech: "Your call matters")   // from memory
        let touched = try #require(try FileManager.default.attributesOfItem(atPath: entry)[.modificationDate] as? Date)
        #expect(touched.timeIntervalSinceNow > -60)
        let sweep = RetentionSweep(recordingsDirectory: setup.folder.file("recordings"), cacheDirectory: setup.cache, keepDays: 30,
                                   logger: Logger(label: "t"))
        #expect(sweep.run(now: Date()).cacheEntries.isEmpty)
    }
}
