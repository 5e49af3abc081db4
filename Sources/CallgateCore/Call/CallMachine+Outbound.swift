/// A call the engine places (originate, a campaign, a callback): it starts as `outbound` and
/// ringing, and the scenario hears of it only once the callee answers — or in `call.end`, saying
/// why nobody did.
extension CallMachine {
    /// The callee picked up: the call is answered from this moment (the record's `answered_at` is
    /// the ring time), and the scenario gets `call.start` on an answered call — after
    /// answering-machine detection when the call asks for it (`startCall`, DetectMachine.swift).
    mutating func calleeAnswered() {
        guard info.direction == .outbound, !info.state.isAnswered, case .idle = activity else { return }
        info.state = .answered
        record.answeredAt = Self.rounded(now)
        trail(.note("answered", ["ring_seconds": .number(Self.rounded(now))]))
        effects.append(.answer)
        startCall()
    }

    /// Nobody answered: the call ends without a scenario run before `call.end`, which says why.
    mutating func dialFailed(disposition: String, status: Int, reason: String) {
        guard info.direction == .outbound, !info.state.isAnswered else { return }
        var extra: [String: JSONValue] = [:]
        if status > 0 { extra["sip_status"] = .number(Double(status)) }
        end(disposition: disposition, by: "callee", reason: reason, extra: extra)
    }
}

/// How an outbound attempt that was never answered ended, from the callee's final SIP status.
public enum DialDisposition {
    /// `busy` (486, 600), `no_answer` (408, 480, or our own CANCEL at the ring timeout),
    /// `rejected` (403, 603 and other refusals by the callee's side), `failed` (anything else:
    /// unreachable, no common codec, server errors).
    public static func of(status: Int, ringTimedOut: Bool) -> String {
        if ringTimedOut { return "no_answer" }
        switch status {
        case 486, 600: return "busy"
        case 408, 480: return "no_answer"
        case 403, 404, 410, 484, 485, 603, 604: return "rejected"
        default: return "failed"
        }
    }
}
