import CallgateCore

/// An `--expect ACTION[:ARG]` (or `event:NAME`) check on a simulated call.
public struct Expectation: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var argument: String?

    public init(_ text: String) throws(ExpectationError) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard let name = parts.first, !name.isEmpty else { throw ExpectationError(text: text, problem: "is empty") }
        guard name == "event" || ActionRegistry.names.contains(name) else {
            throw ExpectationError(text: text, problem: "\(name) is not an action (\(ActionRegistry.names.joined(separator: ", "))) nor \"event\"")
        }
        if name == "event", parts.count < 2 { throw ExpectationError(text: text, problem: "needs an event name, e.g. event:gather.done") }
        self.name = name
        argument = parts.count > 1 ? parts[1] : nil
    }

    public var description: String { argument.map { "\(name):\($0)" } ?? name }

    /// Whether the call did what this expectation names.
    public func isMet(by result: SimulationResult) -> Bool {
        if name == "event" { return result.eventsSent.contains { $0.rawValue == argument } }
        return result.actionsRun.contains(where: matches)
    }

    func matches(_ action: Action) -> Bool {
        guard action.name == name else { return false }
        guard let argument else { return true }
        return action.spec.matches(expectation: argument)
    }

    /// What the call did of this kind, to explain a miss.
    public func seen(in result: SimulationResult) -> [String] {
        if name == "event" { return result.eventsSent.map(\.rawValue) }
        return result.actionsRun.filter { $0.name == name }.map { action in
            if let set = action.as(SetVars.self) { return set.vars.keys.sorted().joined(separator: ",") }
            return action.spec.expectArgument ?? action.name
        }
    }
}

public struct ExpectationError: Error, CustomStringConvertible {
    public var text: String
    public var problem: String
    public var description: String { "--expect \(text): \(problem)" }
}
