extension CallMachine {
    /// Ends the call: the SIP side, the record, and the `call.end` notification.
    /// `rejectPhrase` is the scenario's own SIP reason phrase; nil lets the edge use the code's standard one.
    mutating func end(disposition: String, by: String, reason: String, extra: [String: JSONValue] = [:], rejectCode: Int? = nil, rejectPhrase: String? = nil) {
        if by != "caller" && by != "callee" {   // the far end's own BYE or failure needs no answer
            if info.state.isAnswered {
                effects.append(.hangup(reason: reason))
            } else {
                effects.append(.reject(code: rejectCode ?? 603, reason: rejectPhrase))
            }
        }
        let wasAnswered = info.state.isAnswered
        info.state = .ended
        activity = .ended
        pending = []
        record.endedAt = now
        record.disposition = disposition
        record.hangupBy = by
        record.hangupReason = reason
        record.vars = vars
        var result: [String: JSONValue] = [
            "disposition": .string(disposition), "hangup_by": .string(by), "reason": .string(reason),
            "answered": .bool(wasAnswered), "duration": .number(Self.rounded(now)),
        ]
        if let answeredAt = record.answeredAt { result["talk_seconds"] = .number(Self.rounded(now - answeredAt)) }
        result.merge(extra) { current, _ in current }
        let event = ScenarioEvent(event: .callEnd, call: info, vars: vars, result: result)
        trail(.event(event, role: role))
        effects.append(.notifyScenario(event, role: role))
        effects.append(.ended(record))
    }
}
