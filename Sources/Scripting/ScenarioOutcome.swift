import CallgateCore

/// How one scenario run went: the parsed reply or the failure, what it logged, how long it took.
public struct ScenarioOutcome: Sendable {
    public var result: Result<Reply, ScenarioFailure>
    /// The lines the scenario wrote on stderr.
    public var stderr: [String]
    public var elapsed: Duration
    /// The exit code, or nil when the process was killed or never started.
    public var exitCode: Int32?

    public init(result: Result<Reply, ScenarioFailure>, stderr: [String] = [], elapsed: Duration = .zero, exitCode: Int32? = nil) {
        self.result = result
        self.stderr = stderr
        self.elapsed = elapsed
        self.exitCode = exitCode
    }
}
