/// `set`: merges values into the call's `vars`, which every later event carries. `null` removes a var.
public struct SetVars: ScenarioAction {
    public static let name = "set"
    public var vars: [String: JSONValue]

    public init(vars: [String: JSONValue]) { self.vars = vars }

    public init(reading fields: inout FieldReader) throws(ReplyError) {
        let path = fields.field("vars")
        guard let value = fields.raw("vars") else { throw fields.missing("vars") }
        guard case .object(let vars) = value else {
            throw ReplyError(field: path, problem: "must be an object of name → value, got \(value.typeDescription)")
        }
        for name in vars.keys.sorted() where !Names.isVarName(name) {
            throw ReplyError(field: "\(path).\(name)", problem: "is not a valid var name (a letter or _, then letters, digits or _, at most 64)")
        }
        self.vars = vars
    }

    /// Matches `--expect set:NAME` or `--expect set:NAME=VALUE`.
    public var expectArgument: String? { nil }

    public func matches(expectation argument: String) -> Bool {
        let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
        guard let value = vars[parts[0]] else { return false }
        return parts.count == 1 || value.scalarText == parts[1] || value.encodedString == parts[1]
    }

    public var summary: String {
        "set " + vars.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.encodedString)" }.joined(separator: " ")
    }
}

extension SetVars: RunnableAction {
    /// The reply's size check already counted these vars (`CallMachine.checkVarsSize`).
    func start(in call: inout CallMachine) -> ActionStep {
        CallMachine.merge(vars, into: &call.vars)
        call.record.vars = call.vars
        return .next
    }
}

extension Action {
    public static func set(_ set: SetVars) -> Action { Action(set) }
}
