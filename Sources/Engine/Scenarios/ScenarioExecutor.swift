import CallgateCore
import Scripting

/// Runs a call's scenario for one event. Production and `callgate test` use processes; tests may
/// substitute an in-process one.
public protocol ScenarioExecutor: Sendable {
    func run(_ event: ScenarioEvent, role: ScenarioRole) async -> ScenarioOutcome
    /// Runs the scenario for a notification (`call.end`): what it prints is ignored, failures are still logged.
    func notify(_ event: ScenarioEvent, role: ScenarioRole) async -> ScenarioOutcome
}

extension ScenarioExecutor {
    public func notify(_ event: ScenarioEvent, role: ScenarioRole) async -> ScenarioOutcome {
        var outcome = await run(event, role: role)
        if case .failure(.notJSON) = outcome.result { outcome.result = .success(Reply(actions: [])) }
        if case .failure(.invalidReply) = outcome.result { outcome.result = .success(Reply(actions: [])) }
        return outcome
    }
}

/// Runs the route's scenario, or its fallback scenario, as a process through the `ScenarioRunner`.
public struct ProcessScenarioExecutor: ScenarioExecutor {
    public var primary: String
    public var fallback: String?
    public var runner: ScenarioRunner

    public init(primary: String, fallback: String? = nil, runner: ScenarioRunner, limits: ScenarioLimits? = nil) {
        self.primary = primary
        self.fallback = fallback
        self.runner = runner
        self.limits = limits
    }

    public var limits: ScenarioLimits?

    public func run(_ event: ScenarioEvent, role: ScenarioRole) async -> ScenarioOutcome {
        await runner.run(path(for: role), event: event, limits: limits)
    }

    public func notify(_ event: ScenarioEvent, role: ScenarioRole) async -> ScenarioOutcome {
        await runner.run(path(for: role), event: event, limits: limits, expectsReply: false)
    }

    func path(for role: ScenarioRole) -> String { role == .fallback ? (fallback ?? primary) : primary }
}
