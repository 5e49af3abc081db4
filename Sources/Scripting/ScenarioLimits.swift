/// Bounds on one scenario run.
public struct ScenarioLimits: Sendable, Hashable {
    /// Time from spawn to a complete reply; at the deadline the whole process group is killed.
    public var deadline: Duration
    /// Most bytes read from stdout, and separately from stderr; more kills the run.
    public var outputLimit: Int

    public init(deadline: Duration = .seconds(3), outputLimit: Int = 1 << 20) {
        self.deadline = deadline
        self.outputLimit = outputLimit
    }
}
