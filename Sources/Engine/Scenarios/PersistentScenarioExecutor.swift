import CallgateCore
import Scripting

/// Runs a persistent route's scenario through its `PersistentScenarioPool` (long-lived workers, one
/// JSON line per event); a fallback scenario still runs as a process per event through the
/// `ScenarioRunner`, since it only runs once something went wrong.
public struct PersistentScenarioExecutor: ScenarioExecutor {
    public var pool: PersistentScenarioPool
    public var fallback: String?
    public var runner: ScenarioRunner
    public var limits: ScenarioLimits?

    public init(pool: PersistentScenarioPool, fallback: String? = nil, runner: ScenarioRunner, limits: ScenarioLimits? = nil) {
        self.pool = pool
        self.fallback = fallback
        self.runner = runner
        self.limits = limits
    }

    public func run(_ event: ScenarioEvent, role: ScenarioRole) async -> ScenarioOutcome {
        if role == .fallback, let fallback { return await runner.run(fallback, event: event, limits: limits) }
        return await pool.run(event, limits: limits)
    }

    public func notify(_ event: ScenarioEvent, role: ScenarioRole) async -> ScenarioOutcome {
        if role == .fallback, let fallback { return await runner.run(fallback, event: event, limits: limits, expectsReply: false) }
        return await pool.run(event, limits: limits, expectsReply: false)
    }
}
