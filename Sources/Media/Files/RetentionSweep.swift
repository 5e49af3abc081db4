import Foundation
import Logging

/// `recordings.keep_days`: deletes recordings last written more than `keepDays` ago, and TTS cache
/// entries nobody used for as long (`PromptLibrary` touches an entry each time it speaks it).
/// Only the engine's own names are touched: `*.wav` in the recordings folder, `tts-*.wav` in the
/// cache; nothing in subfolders, no symbolic links.
public struct RetentionSweep: Sendable {
    public let recordingsDirectory: String
    public let cacheDirectory: String
    public let keepDays: Int
    let logger: Logger

    public init(recordingsDirectory: String, cacheDirectory: String, keepDays: Int, logger: Logger) {
        self.recordingsDirectory = recordingsDirectory
        self.cacheDirectory = cacheDirectory
        self.keepDays = keepDays
        self.logger = logger
    }

    /// What one sweep deleted (file names, without their folders).
    public struct Removed: Sendable, Equatable {
        public var recordings: [String] = []
        public var cacheEntries: [String] = []
        public var bytes: UInt64 = 0
        public var isEmpty: Bool { recordings.isEmpty && cacheEntries.isEmpty }
    }

    /// Deletes what is older than `keepDays` before `now`, logs what went, and returns it.
    @discardableResult
    public func run(now: Date) -> Removed {
        guard keepDays > 0 else { return Removed() }
        let cutoff = now.addingTimeInterval(-Double(keepDays) * 86_400)
        var removed = Removed()
        removed.recordings = remove(in: recordingsDirectory, olderThan: cutoff, bytes: &removed.bytes) { $0.hasSuffix(".wav") }
        removed.cacheEntries = remove(in: cacheDirectory, olderThan: cutoff, bytes: &removed.bytes) {
            $0.hasPrefix("tts-") && $0.hasSuffix(".wav")
        }
        log(removed)
        return removed
    }

    private func remove(in folder: String, olderThan cutoff: Date, bytes: inout UInt64, matching: (String) -> Bool) -> [String] {
        let files = FileManager.default
        guard let names = try? files.contentsOfDirectory(atPath: folder) else { return [] }
        var removed: [String] = []
        for name in names.sorted() where matching(name) {
            let path = folder + "/" + name
            guard let attributes = try? files.attributesOfItem(atPath: path),   // lstat: a link is not followed
                  attributes[.type] as? FileAttributeType == .typeRegular,
                  let written = attributes[.modificationDate] as? Date, written < cutoff
            else { continue }
            do {
                try files.removeItem(atPath: path)
                removed.append(name)
                bytes += (attributes[.size] as? NSNumber)?.uint64Value ?? 0
            } catch {
                logger.error("retention: cannot delete \(path): \(error.localizedDescription)")
            }
        }
        return removed
    }

    private func log(_ removed: Removed) {
        guard !removed.isEmpty else {
            logger.debug("retention: nothing older than \(keepDays) days")
            return
        }
        let names = removed.recordings + removed.cacheEntries
        let shown = names.prefix(20).joined(separator: ", ") + (names.count > 20 ? ", … (\(names.count - 20) more)" : "")
        logger.info("retention: removed \(removed.recordings.count) recordings and \(removed.cacheEntries.count) unused TTS cache entries older than \(keepDays) days (\(removed.bytes / 1024) KiB): \(shown)",
                    metadata: ["retention.recordings": "\(removed.recordings.count)",
                               "retention.cache_entries": "\(removed.cacheEntries.count)",
                               "retention.bytes": "\(removed.bytes)"])
    }
}
