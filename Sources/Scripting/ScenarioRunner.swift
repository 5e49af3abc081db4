import CallgateCore
import Foundation
import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Runs scenario executables CGI-style: one process per event, started directly (never through a
/// shell) in its own process group, the event as JSON on stdin, a clean CGI environment, the reply
/// read from stdout and validated whole. Whatever the script does, the outcome is a reply or a
/// typed `ScenarioFailure`, within the deadline.
public final class ScenarioRunner: Sendable {
    public let limits: ScenarioLimits
    let gate: ConcurrencyGate
    let engineEnvironment: [String: String]
    let logger: Logger
    private let runsInProgress = Atomic<Int>(0)

    /// Scenario runs started and not yet finished (waiting for a slot or running): 0 when idle.
    public var activeRuns: Int { runsInProgress.load(ordering: .relaxed) }

    /// - Parameters:
    ///   - maxConcurrent: scenario processes running at once; further runs wait for a slot.
    ///   - environment: the engine's environment; only `PATH`, `HOME` and `LANG` are passed on.
    public init(limits: ScenarioLimits = .init(), maxConcurrent: Int = 32,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                logger: Logger = Logger(label: "callgate.scenario")) {
        // A scenario that exits without reading stdin must give us EPIPE, not kill the engine.
        // Children still start with SIGPIPE at its default: the spawn resets every disposition.
        signal(SIGPIPE, SIG_IGN)
        self.limits = limits
        self.gate = ConcurrencyGate(limit: maxConcurrent)
        self.engineEnvironment = environment
        self.logger = logger
    }

    /// Runs `path` for one event and returns its validated reply or why there is none.
    /// For a notification (`expectsReply` false, e.g. `call.end`) whatever it prints is ignored.
    public func run(_ path: String, event: ScenarioEvent, limits: ScenarioLimits? = nil, expectsReply: Bool = true) async -> ScenarioOutcome {
        let limits = limits ?? self.limits
        runsInProgress.add(1, ordering: .relaxed)
        defer { runsInProgress.subtract(1, ordering: .relaxed) }
        var logger = self.logger
        logger[metadataKey: "call.id"] = "\(event.call.id)"
        logger[metadataKey: "event"] = "\(event.event.rawValue)"
        if let failure = Self.checkExecutable(path) {
            logger.error("\(failure)")
            return ScenarioOutcome(result: .failure(failure))
        }
        let input = Array(event.json.encoded()) + [UInt8(ascii: "\n")]
        let environment = ScenarioEnvironment.make(for: event, engine: engineEnvironment)
        let outcome = await gate.withSlot { [logger] in
            await Self.spawn(path, input: input, environment: environment, limits: limits, expectsReply: expectsReply, logger: logger)
        }
        if case .failure(let failure) = outcome.result {
            logger.error("\(failure)", metadata: ["scenario": "\(path)"])
        }
        return outcome
    }

    /// The failures that can be told before spawning anything.
    static func checkExecutable(_ path: String) -> ScenarioFailure? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return .notFound(path: path) }
        if isDirectory.boolValue || access(path, X_OK) != 0 { return .notExecutable(path: path) }
        return nil
    }

    static func spawn(_ path: String, input: [UInt8], environment: [String: String], limits: ScenarioLimits,
                      expectsReply: Bool, logger: Logger) async -> ScenarioOutcome {
        let start = ContinuousClock.now
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let spawned = await DirectSpawn.run(path, input: input, environment: environment, directory: directory,
                                            limit: limits.outputLimit, deadline: limits.deadline, logger: logger)
        let elapsed = ContinuousClock.now - start
        switch spawned {
        case .failure(let error):
            return ScenarioOutcome(result: .failure(.spawnFailed(path: path, detail: "\(error)")), elapsed: elapsed)
        case .success(let run):
            let output = run.output
            let failure: ScenarioFailure? =
                if run.timedOut { .timeout(seconds: limits.deadline.seconds) }
                else if let stream = output.overflow { .outputTooLarge(stream: stream, limit: limits.outputLimit) }
                else if let signal = run.signal { .killedBySignal(signal: signal) }
                else if let code = run.exitCode, code != 0 { .exitStatus(code: code, stderrTail: output.stderrLines.suffix(3).joined(separator: " | ")) }
                else { nil }
            let result: Result<Reply, ScenarioFailure>
            if let failure {
                result = .failure(failure)
            } else if !expectsReply {
                result = .success(Reply(actions: []))
            } else {
                do { result = .success(try Reply.parse(output.stdout)) } catch { result = .failure(error) }
            }
            return ScenarioOutcome(result: result, stderr: output.stderrLines, elapsed: elapsed, exitCode: run.exitCode)
        }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
