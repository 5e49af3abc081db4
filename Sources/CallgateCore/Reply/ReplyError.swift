/// What is wrong with a scenario's reply, naming the offending field by its JSON path
/// (`actions[2].timeout`), so the admin can find it at once.
public struct ReplyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// JSON path of the offending field, e.g. `actions[1].max_digits`; `reply` for the whole object.
    public var field: String
    public var problem: String

    public init(field: String, problem: String) {
        self.field = field
        self.problem = problem
    }

    public var description: String { "\(field): \(problem)" }
}
