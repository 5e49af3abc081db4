/// Every action a scenario can use, by the name it goes by in the reply. Adding an action is one line here
/// plus one file.
public enum ActionRegistry {
    typealias Decoder = @Sendable (inout FieldReader) throws(ReplyError) -> Action

    static let decoders: [String: Decoder] = [
        Answer.name: { (f: inout FieldReader) throws(ReplyError) in .answer(try Answer(reading: &f)) },
        Play.name: { (f: inout FieldReader) throws(ReplyError) in .play(try Play(reading: &f)) },
        Say.name: { (f: inout FieldReader) throws(ReplyError) in .say(try Say(reading: &f)) },
        Gather.name: { (f: inout FieldReader) throws(ReplyError) in .gather(try Gather(reading: &f)) },
        Record.name: { (f: inout FieldReader) throws(ReplyError) in .record(try Record(reading: &f)) },
        Echo.name: { (f: inout FieldReader) throws(ReplyError) in .echo(try Echo(reading: &f)) },
        Transfer.name: { (f: inout FieldReader) throws(ReplyError) in .transfer(try Transfer(reading: &f)) },
        Enqueue.name: { (f: inout FieldReader) throws(ReplyError) in .enqueue(try Enqueue(reading: &f)) },
        SetVars.name: { (f: inout FieldReader) throws(ReplyError) in .set(try SetVars(reading: &f)) },
        Hangup.name: { (f: inout FieldReader) throws(ReplyError) in .hangup(try Hangup(reading: &f)) },
        Reject.name: { (f: inout FieldReader) throws(ReplyError) in .reject(try Reject(reading: &f)) },
    ]

    public static var names: [String] { decoders.keys.sorted() }

    /// Decodes one action object found at `path`.
    public static func decode(_ value: JSONValue, at path: String) throws(ReplyError) -> Action {
        var fields = try FieldReader(path: path, value: value)
        guard let nameValue = fields.raw("action") else {
            throw ReplyError(field: fields.field("action"), problem: "is required (one of: \(names.joined(separator: ", ")))")
        }
        guard case .string(let name) = nameValue else {
            throw ReplyError(field: fields.field("action"), problem: "must be a string, got \(nameValue.typeDescription)")
        }
        guard let decoder = decoders[name] else {
            throw ReplyError(field: fields.field("action"), problem: "unknown action \"\(name)\" (one of: \(names.joined(separator: ", ")))")
        }
        let action = try decoder(&fields)
        try fields.finish()
        return action
    }
}
