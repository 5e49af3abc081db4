import CallgateCore

/// The conference side of the simulated world: the caller is alone in the named room, stays
/// `talkSeconds` and then presses the exit key, or hangs up when the action has none; a
/// `max_seconds` shorter than that ends it first (the machine's own timer).
extension World {
    mutating func joinConference(_ conference: Conference, at: Double) -> [String] {
        var notes = ["caller joins conference room \(conference.room)" + (conference.muted ? " muted" : "")
                     + " (simulated: nobody else is in it)"]
        if let maxSeconds = conference.maxSeconds, Double(maxSeconds) <= caller.talkSeconds { return notes }
        let leaveAt = at + caller.talkSeconds
        let input: CallInput
        if let key = conference.exitKey?.first {
            input = .dtmf(key)
            timeline.add(input, at: leaveAt, note: "caller presses \(key) to leave the conference after \(format(caller.talkSeconds)) s")
        } else {
            input = .callerHungUp
            timeline.add(input, at: leaveAt, note: "caller hangs up after \(format(caller.talkSeconds)) s in the conference")
        }
        conferenceExit = (input, leaveAt)
        notes.append("the conference has no other participant to end it; the caller leaves after --talk-seconds")
        return notes
    }

    /// The machine took the caller out (key, max_seconds, hangup): a planned exit is dropped.
    mutating func leaveConference(reason: String, at: Double) -> [String] {
        if let (input, when) = conferenceExit {
            timeline.remove { $0.input == .call(input) && $0.at == when }
            conferenceExit = nil
        }
        return reason == "hangup" ? [] : ["caller leaves conference room (\(reason))"]
    }
}
