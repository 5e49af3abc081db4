/// `conference`: puts the caller in a named conference room, where everyone hears everyone else.
/// Rooms are made on the first join and removed when the last caller leaves; a PIN, if any, is the
/// scenario's own `gather` before it. Ends the list; `conference.done` arrives while the caller is
/// still on the line, with `{"reason": "max_seconds" | "kicked" | "room_ended" | "key", "room"}`.
public struct Conference: ScenarioAction {
    public static let name = "conference"
    /// The room's name: letters, digits, `_ . -`, at most 64.
    public var room: String
    /// Joins muted: the caller hears the room, the room does not hear the caller.
    public var muted: Bool
    /// A moderator's room ends for the others when the last moderator leaves it (`room_ended`).
    public var moderator: Bool
    /// Leaves the room after this long (`max_seconds`); nil for no bound.
    public var maxSeconds: Int?
    /// A key that takes the caller out of the room (`key`); nil for none.
    public var exitKey: String?

    public init(room: String, muted: Bool = false, moderator: Bool = false, maxSeconds: Int? = nil, exitKey: String? = nil) {
        self.room = room
        self.muted = muted
        self.moderator = moderator
        self.maxSeconds = maxSeconds
        self.exitKey = exitKey
    }

    public init(reading fields: inout FieldReader) throws(ReplyError) {
        room = try fields.requiredString("room", maxLength: 64)
        guard Names.isIdentifier(room, allowing: "-_.") else {
            throw ReplyError(field: fields.field("room"), problem: "must be a room name (letters, digits, - _ .), got \"\(room)\"")
        }
        muted = try fields.bool("muted") ?? false
        moderator = try fields.bool("moderator") ?? false
        maxSeconds = try fields.integer("max_seconds", in: 1...86_400)
        exitKey = try fields.keys("exit_key")
        if exitKey == "" { exitKey = nil }
    }

    public var requirement: CallRequirement { .media(early: false) }
    public var flow: ActionFlow { .outcome(.conferenceDone) }
    public var expectArgument: String? { room }
    public var summary: String {
        "conference in room \(room)" + (muted ? ", muted" : "") + (moderator ? ", moderator" : "")
            + (maxSeconds.map { ", at most \($0) s" } ?? "") + (exitKey.map { ", exit key \($0)" } ?? "")
    }

    enum CodingKeys: String, CodingKey { case room, muted, moderator, maxSeconds = "max_seconds", exitKey = "exit_key" }
}

extension Conference: RunnableAction {
    /// The edge seats the caller; `max_seconds` and the exit key are the machine's, the rest
    /// (kicked, the room ended) comes back from the edge as `conferenceLeft`.
    func start(in call: inout CallMachine) -> ActionStep {
        call.effects.append(.joinConference(self))
        var timer: CallTimer?
        if let maxSeconds {
            let next = call.nextTimer(.conference)
            call.effects.append(.startTimer(next, seconds: Double(maxSeconds)))
            timer = next
        }
        return .wait(InConference(conference: self, timer: timer, joinedAt: call.now))
    }
}

/// A caller in a room, until the machine or the room lets go.
struct InConference: RunningAction {
    var conference: Conference
    var timer: CallTimer?
    var joinedAt: Double

    func dtmf(_ key: Character, in call: inout CallMachine) -> ActionStep {
        guard conference.exitKey.map({ $0.contains(key) }) == true else { return .wait(self) }
        call.trail(.dtmf(key))
        return leave(reason: "key", details: ["key": .string(String(key))], in: &call)
    }

    func timerFired(_ timer: CallTimer, in call: inout CallMachine) -> ActionStep {
        guard timer == self.timer else { return .wait(self) }
        return leave(reason: "max_seconds", details: [:], in: &call)
    }

    /// The machine takes the caller out itself: the edge sends no `conferenceLeft` for it.
    private func leave(reason: String, details: [String: JSONValue], in call: inout CallMachine) -> ActionStep {
        call.effects.append(.leaveConference(reason: reason))
        return conferenceLeft(reason: reason, details: details, in: &call)
    }

    func conferenceLeft(reason: String, details: [String: JSONValue], in call: inout CallMachine) -> ActionStep {
        if let timer, reason != "max_seconds" { call.effects.append(.cancelTimer(timer)) }
        var result = details
        result["reason"] = .string(reason)
        result["room"] = .string(conference.room)
        result["seconds"] = .number(CallMachine.rounded(call.now - joinedAt))
        return .send(.conferenceDone, result: result)
    }

    func stop(_ cause: StopCause, in call: inout CallMachine) -> AfterStop {
        if let timer { call.effects.append(.cancelTimer(timer)) }
        call.effects.append(.leaveConference(reason: cause == .failed ? "failed" : "hangup"))
        return .nothing
    }
}

extension CallTimer.Kind {
    /// A conference's `max_seconds`.
    public static let conference = Self("conference")
}

extension Action {
    public static func conference(_ conference: Conference) -> Action { Action(conference) }
}
