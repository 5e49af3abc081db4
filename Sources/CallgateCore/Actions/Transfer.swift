/// `transfer`: rings an agent extension or an allowed external number and bridges the caller on answer.
/// Ends the list; when the transfer fails or the bridged call ends, `transfer.done` arrives with
/// `{"reason": "busy" | "no_answer" | "failed" | "ended"}`.
public struct Transfer: ScenarioAction {
    public static let name = "transfer"
    /// An extension or a number: digits, `*` and `#`, optionally a leading `+`.
    public var to: String
    /// Seconds to ring before giving up with `no_answer`.
    public var timeout: Int

    public init(to: String, timeout: Int = 30) {
        self.to = to
        self.timeout = timeout
    }

    public init(reading fields: inout FieldReader) throws(ReplyError) {
        to = try fields.requiredString("to", maxLength: 32)
        let body = to.hasPrefix("+") ? to.dropFirst() : Substring(to)
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "*" || $0 == "#") }) else {
            throw ReplyError(field: fields.field("to"), problem: "must be an extension or a number (digits, * and #, optional leading +), got \"\(to)\"")
        }
        timeout = try fields.integer("timeout", in: 1...300) ?? 30
    }

    /// The caller hears ringback while the target rings, so the call is answered first.
    public var requirement: CallRequirement { .media(early: false) }
    public var flow: ActionFlow { .outcome(.transferDone) }
    public var expectArgument: String? { to }
    public var summary: String { "transfer to \(to) (ring \(timeout) s)" }
}

/// The edge rings, bridges and reports; the call waits for `transferEnded` and passes it on.
extension Transfer: RunnableAction, RunningAction {
    func start(in call: inout CallMachine) -> ActionStep {
        call.effects.append(.transfer(self))
        return .wait(self)
    }

    func transferEnded(reason: String, details: [String: JSONValue], in call: inout CallMachine) -> ActionStep {
        .send(.transferDone, result: details.merging(["reason": .string(reason), "to": .string(to)]) { _, new in new })
    }
}

extension Action {
    public static func transfer(_ transfer: Transfer) -> Action { Action(transfer) }
}
