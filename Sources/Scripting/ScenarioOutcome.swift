import CallgateCore

/// How one scenario run went: the parsed reply or the failure, what it logged, how long it took.
public struct ScenarioOutcome: Sendable {
    public var result: Result<Reply, ScenarioFailure>
    /// The lines the scenario wrote on stderr.
    public var stderr: [String]
    public var elapsed: Duration
    /// The exit code, or nil when the process was killed or never started. For a persistent
    /// scenario, nil while its worker keeps running; the worker's status when it died on this event.
    public var exitCode: Int32?
    /// Whether a long-lived worker of a `PersistentScenarioPool` handled the event.
    public var persistent: Bool

    public init(result: Result<Reply, ScenarioFailure>, stderr: [String] = [], elapsed: Duration = .zero, exitCode: Int32? = nil,
                persistent: Bool = false) {
        self.result = result
        self.stderr = stderr
        self.elapsed = elapsed
        self.exitCode = exitCode
        self.persistent = persistent
    }
}
