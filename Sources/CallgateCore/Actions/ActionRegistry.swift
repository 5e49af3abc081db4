/// Every action a scenario can use, by the name it goes by in the reply. Adding an action is one line here
/// plus its file (decoding, preconditions, what it does on a call), its docs and its tests.
public enum ActionRegistry {
    static let all: [any RunnableAction.Type] = [
        Answer.self,
        Play.self,
        Say.self,
        Gather.self,
        Record.self,
        RecordPause.self,
        RecordResume.self,
        Echo.self,
        Transfer.self,
        Enqueue.self,
        Conference.self,
        DetectMachine.self,
        WaitForSilence.self,
        SetVars.self,
        Hangup.self,
        Reject.self,
    ]

    static let types = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    public static var names: [String] { types.keys.sorted() }

    /// Decodes one action object found at `path`.
    public static func decode(_ value: JSONValue, at path: String) throws(ReplyError) -> Action {
        var fields = try FieldReader(path: path, value: value)
        guard let nameValue = fields.raw("action") else {
            throw ReplyError(field: fields.field("action"), problem: "is required (one of: \(names.joined(separator: ", ")))")
        }
        guard case .string(let name) = nameValue else {
            throw ReplyError(field: fields.field("action"), problem: "must be a string, got \(nameValue.typeDescription)")
        }
        guard let type = types[name] else {
            throw ReplyError(field: fields.field("action"), problem: "unknown action \"\(name)\" (one of: \(names.joined(separator: ", ")))")
        }
        let action = Action(try type.init(reading: &fields))
        try fields.finish()
        return action
    }
}
