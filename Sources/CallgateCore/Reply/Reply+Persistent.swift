extension Reply {
    /// The key a persistent scenario adds to each reply line, so the engine can tell which event it answers.
    public static let callIDKey = "call_id"

    /// Checks one line of a persistent scenario's stdout against the event it must answer and
    /// returns the reply object without its `call_id`, ready for `Reply(_:)`.
    ///
    /// A failure here means the worker and the engine no longer agree on which line answers which
    /// event (not JSON, not an object, no or another `call_id`): the worker must be replaced. A
    /// reply that passes here but is refused by `Reply(_:)` is the scenario's own mistake, as in a
    /// normal run.
    public static func persistentBody(of line: some Collection<UInt8>, callID: String) throws(ScenarioFailure) -> JSONValue {
        let value: JSONValue
        do {
            value = try JSONValue.parse(line)
        } catch {
            throw .notJSON(detail: "the line is not one JSON object: \(excerpt(String(decoding: line, as: UTF8.self)))")
        }
        guard case .object(var object) = value else {
            throw .invalidReply(ReplyError(field: "reply", problem: "must be an object, got \(value.typeDescription)"))
        }
        guard let answered = object.removeValue(forKey: callIDKey), answered != .null else {
            throw .invalidReply(ReplyError(
                field: "reply.\(callIDKey)",
                problem: "is required in a persistent scenario's reply: {\"\(callIDKey)\": \"\(callID)\", \"actions\": [...]}"))
        }
        guard case .string(let text) = answered else {
            throw .invalidReply(ReplyError(field: "reply.\(callIDKey)", problem: "must be a string, got \(answered.typeDescription)"))
        }
        guard text == callID else {
            throw .invalidReply(ReplyError(
                field: "reply.\(callIDKey)",
                problem: "is \"\(text.prefix(80))\", but the event was for call \"\(callID)\"; answer every event with one line, in order"))
        }
        return .object(object)
    }
}
