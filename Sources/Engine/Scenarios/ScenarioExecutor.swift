import CallgateCore
import Scripting

/// Runs a call's scenario for one event. Production and `callgate test` use processes; tests may
/// substitute an in-process one.
public protocol ScenarioExecutor: Sendable {
    func run(_ event: ScenarioEvent, role: ScenarioRole) async -> ScenarioOutcome
}

/// Runs the route's scenario, or its fallback scenario, as a process through the `ScenarioRunner`.
public struct ProcessScenarioExecutor: ScenarioExecutor {
    public var primary: String
    public var fallback: String?
    public var runner: ScenarioRunner

    public init(primary: String, fallback: String? = nil, runner: ScenarioRunner) {
        self.primary = primary
        self.fallback = fallback
        self.runner = runner
    }

    public func run(_ event: ScenarioEvent, role: ScenarioRole) async -> ScenarioOutcome {
        let path = role == .fallback ? (fallback ?? primary) : primary
        return await runner.run(path, event: event)
    }
}
