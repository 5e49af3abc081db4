/// A scenario's whole reply, `{"actions": [...]}`, validated before any of it runs.
public struct Reply: Sendable, Hashable {
    public static let maxActions = 100

    public var actions: [Action]

    public init(actions: [Action]) { self.actions = actions }

    /// Parses and validates what a scenario printed on stdout.
    public static func parse(_ stdout: some Collection<UInt8>) throws(ScenarioFailure) -> Reply {
        let text = String(decoding: stdout, as: UTF8.self)
        if text.allSatisfy(\.isWhitespace) {
            throw .notJSON(detail: "the scenario printed nothing on stdout")
        }
        let value: JSONValue
        do {
            value = try JSONValue.parse(stdout)
        } catch {
            throw .notJSON(detail: "stdout is not one JSON object: \(Self.excerpt(text))")
        }
        do {
            return try Reply(value)
        } catch {
            throw .invalidReply(error)
        }
    }

    public init(_ value: JSONValue) throws(ReplyError) {
        var fields = try FieldReader(path: "reply", value: value)
        guard let list = fields.raw("actions") else {
            throw ReplyError(field: "reply.actions", problem: "is required: reply with {\"actions\": [...]}")
        }
        guard case .array(let items) = list else {
            throw ReplyError(field: "reply.actions", problem: "must be an array, got \(list.typeDescription)")
        }
        guard items.count <= Self.maxActions else {
            throw ReplyError(field: "reply.actions", problem: "has \(items.count) actions; at most \(Self.maxActions) allowed")
        }
        try fields.finish(allowing: [], of: "the reply")
        var actions: [Action] = []
        for (i, item) in items.enumerated() {
            let action = try ActionRegistry.decode(item, at: "actions[\(i)]")
            if let last = actions.last, last.spec.flow != .continues {
                throw ReplyError(field: "actions[\(i)]", problem: "can never run: actions[\(i - 1)] (\(last.name)) ends the list; handle its outcome in the next event instead")
            }
            actions.append(action)
        }
        self.actions = actions
    }

    /// Checks the list against the call's state: `reject` is refused once the call is, or will have been, answered.
    public func check(startingAnswered answered: Bool) throws(ReplyError) {
        var answeredBy: String? = answered ? "the call was answered before this reply" : nil
        for (i, action) in actions.enumerated() {
            switch action.spec.requirement {
            case .unanswered:
                if let answeredBy {
                    throw ReplyError(field: "actions[\(i)]", problem: "\(action.name) is only possible before the call is answered (\(answeredBy)); use hangup")
                }
            case .media(let early):
                if !early, answeredBy == nil { answeredBy = "actions[\(i)] (\(action.name)) answers it" }
            case .any:
                if action.spec is Answer, answeredBy == nil { answeredBy = "actions[\(i)] answers it" }
            }
        }
    }

    static func excerpt(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let cut = trimmed.prefix(120)
        return "\"\(cut)\(cut.count < trimmed.count ? "…" : "")\""
    }
}
