import ArgumentParser
import CallgateCore
import Config
import Foundation
import Storage

/// `callgate report`: queue and agent figures over a time range (service level, waits, occupancy),
/// computed from the queue log in the database. The formulas are in docs/reports.md.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print queue and agent figures for a time range, from the queue log.",
        discussion: """
            TIME is ISO 8601 (2026-11-21T08:00:00Z, UTC when no offset is given), a date (2026-11-21: \
            midnight UTC) or a time before now (-1h, -24h, -7d). The range includes --from and excludes --to. \
            See docs/reports.md for every figure.
            """)

    @Option(help: "The configuration file (its data_dir holds the database); the embedded default when absent.")
    var config: String?

    // `.unconditional`: a value may start with a dash, as `--from -24h` does.
    @Option(parsing: .unconditional, help: ArgumentHelp("The start of the range (default: 24 hours before --to).", valueName: "TIME"))
    var from: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("The end of the range (default: now).", valueName: "TIME"))
    var to: String?

    @Flag(help: "Print the report as one JSON object.")
    var json = false

    /// Every line of the day before `--from`: callers waiting and conversations under way at the start.
    static let callLookback = 86_400.0
    /// Logins, logouts and pauses of the week before `--from`: who is logged in or paused at the start.
    static let stateLookback = 7 * 86_400.0
    static let stateEvents: Set<QueueLogEvent> = [.login, .logout, .pause, .unpause]

    func run() async throws {
        let (start, end) = try Self.range(from: from, to: to, now: Date().timeIntervalSince1970)
        let settings = try ConfigLoading.load(config, checkFiles: false)
        let path = settings.dataDir.resolved + "/callgate.sqlite"
        guard FileManager.default.fileExists(atPath: path) else {
            throw Self.failure(66, "no call database at \(path): has `callgate serve` run with this configuration?")
        }
        let entries: [QueueLogEntry]
        do {
            entries = try await Self.readLog(CallStore(path: path), from: start, to: end)
        } catch {
            throw Self.failure(66, "cannot read the queue log in \(path): \(error)")
        }
        let report = QueueReport(
            entries: entries, from: start, to: end, serviceLevelSeconds: Self.serviceLevelThresholds(settings))
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(report.rendered, terminator: "")
        }
    }

    /// `--from` and `--to` as seconds since 1970; a usage error (64) when unreadable or not in order.
    static func range(from: String?, to: String?, now: Double) throws -> (from: Double, to: Double) {
        func time(_ text: String?, _ option: String, default value: Double) throws -> Double {
            guard let text else { return value }
            do {
                return try ReportTime.parse(text, now: now)
            } catch {
                throw failure(64, "--\(option): \(error)")
            }
        }
        let end = try time(to, "to", default: now)
        let start = try time(from, "from", default: end - 86_400)
        guard start < end else {
            throw failure(64, "--from (\(from ?? "24 hours before --to")) must be before --to (\(to ?? "now"))")
        }
        return (start, end)
    }

    /// The lines the report needs: the range, the day before it, and the week's logins and pauses before that.
    static func readLog(_ store: CallStore, from: Double, to: Double) async throws -> [QueueLogEntry] {
        let callsFrom = from - callLookback
        let state = try await store.queueLog(from: from - stateLookback, to: callsFrom, events: stateEvents)
        return state + (try await store.queueLog(from: callsFrom, to: to))
    }

    /// Each queue's service-level threshold in seconds; queues not named get the report's default, 20 s.
    static func serviceLevelThresholds(_ config: CallgateConfig) -> [String: Double] {
        Dictionary(config.queueSettings().map { ($0.name, $0.serviceLevelSeconds) }, uniquingKeysWith: { first, _ in first })
    }

    /// Prints `callgate: message` on stderr and gives the exit status (sysexits: 64 usage, 66 no input).
    static func failure(_ status: Int32, _ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("callgate: \(message)\n".utf8))
        return ExitCode(status)
    }
}
