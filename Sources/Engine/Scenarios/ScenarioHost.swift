import CallgateCore
import Logging
import Scripting

/// Everything `serve` needs from the scenario side, behind one door: the runner with its
/// concurrency gate, one pool of workers per persistent route, and the executor of each call.
/// The server asks for executors by path; it never handles processes itself.
public final class ScenarioHost: Sendable {
    let runner: ScenarioRunner
    private let pools: [Int: PersistentScenarioPool]

    /// - Parameters:
    ///   - persistent: the persistent routes, each under a key of the caller's choosing (the route's
    ///     place in the configuration), with its scenario, worker count and deadline.
    public init(deadline: Duration, outputLimit: Int, maxConcurrent: Int,
                persistent: [(key: Int, path: String, workers: Int, deadline: Duration)] = [], logger: Logger) {
        runner = ScenarioRunner(limits: ScenarioLimits(deadline: deadline, outputLimit: outputLimit),
                                maxConcurrent: maxConcurrent, logger: logger)
        var pools: [Int: PersistentScenarioPool] = [:]
        for route in persistent where pools[route.key] == nil {
            pools[route.key] = PersistentScenarioPool(path: route.path, workers: route.workers,
                                                       limits: ScenarioLimits(deadline: route.deadline, outputLimit: outputLimit),
                                                       logger: logger)
        }
        self.pools = pools
    }

    /// The executor of a new call: its route's pool of workers when the route (by its key) is
    /// persistent, else a process per event.
    public func executor(route key: Int, primary: String, fallback: String?, deadline: Duration, outputLimit: Int) -> any ScenarioExecutor {
        let limits = ScenarioLimits(deadline: deadline, outputLimit: outputLimit)
        if let pool = pools[key] {
            return PersistentScenarioExecutor(pool: pool, fallback: fallback, runner: runner, limits: limits)
        }
        return ProcessScenarioExecutor(primary: primary, fallback: fallback, runner: runner, limits: limits)
    }

    /// Scenario runs started and not yet finished.
    public var activeRuns: Int { runner.activeRuns }

    /// SIGTERM, once the calls are drained: stop every persistent scenario's workers.
    public func shutdown() async {
        for pool in pools.values { await pool.shutdown() }
    }
}

/// A built-in scenario: answer, say one sentence, hang up (a feature code's confirmation).
public struct SpokenNotice: ScenarioExecutor {
    public let text: String
    public let reason: String

    public init(text: String, reason: String) {
        self.text = text
        self.reason = reason
    }

    public func run(_ event: ScenarioEvent, role: ScenarioRole) async -> ScenarioOutcome {
        guard event.event == .callStart else { return ScenarioOutcome(result: .success(Reply(actions: [])), exitCode: 0) }
        return ScenarioOutcome(result: .success(Reply(actions: [.answer(Answer()), .say(Say(text: text)), .hangup(Hangup(reason: reason))])),
                               exitCode: 0)
    }
}
