extension EngineEvent {
    /// The event types the engine sends, and the one the HTTP layer adds itself.
    public enum Types {
        public static let callStarted = "call.started"
        public static let callAnswered = "call.answered"
        public static let callEnded = "call.ended"
        /// A waiting caller is offered to an agent whose phone now rings: the CRM screen pop.
        public static let callOffered = "call.offered"
        /// The agent answered: caller and agent are talking.
        public static let callConnected = "call.connected"
        public static let queueJoined = "queue.joined"
        public static let queueLeft = "queue.left"
        public static let agentStatus = "agent.status"
        public static let conferenceJoined = "conference.joined"
        public static let conferenceLeft = "conference.left"
        /// Sent by the HTTP layer, never by the engine: this client fell behind and lost events.
        public static let eventsDropped = "events.dropped"
    }

    public static func callStarted(time: Double, callID: String, from: String, to: String, direction: Direction,
                                   callerName: String? = nil) -> EngineEvent {
        EngineEvent(type: Types.callStarted, time: time, data: [
            "call_id": .string(callID), "from": .string(from), "to": .string(to),
            "direction": .string(direction.rawValue), "caller_name": callerName.map(JSONValue.string) ?? .null,
        ])
    }

    public static func callAnswered(time: Double, callID: String) -> EngineEvent {
        EngineEvent(type: Types.callAnswered, time: time, data: ["call_id": .string(callID)])
    }

    /// - Parameters: as in the scenario's `call.end`: `disposition` (`completed`, `caller_hangup`, …),
    ///   `hangupBy` (`caller`, `scenario`, `engine`), `talkSeconds` for answered calls only.
    public static func callEnded(time: Double, callID: String, disposition: String, hangupBy: String, reason: String,
                                 durationSeconds: Double, talkSeconds: Double? = nil) -> EngineEvent {
        EngineEvent(type: Types.callEnded, time: time, data: [
            "call_id": .string(callID), "disposition": .string(disposition), "hangup_by": .string(hangupBy),
            "reason": .string(reason), "duration": .number(durationSeconds),
            "talk_seconds": talkSeconds.map(JSONValue.number) ?? .null,
        ])
    }

    /// The screen pop: who calls, from which queue, with the scenario's `vars` (account number,
    /// language, what the caller chose in the menu…), sent when the agent's phone starts ringing.
    public static func callOffered(time: Double, callID: String, queue: String, agent: String, callerNumber: String,
                                   callerName: String?, vars: [String: JSONValue], waitedSeconds: Double) -> EngineEvent {
        EngineEvent(type: Types.callOffered, time: time, data: [
            "call_id": .string(callID), "queue": .string(queue), "agent": .string(agent),
            "caller_number": .string(callerNumber), "caller_name": callerName.map(JSONValue.string) ?? .null,
            "vars": .object(vars), "waited_seconds": .number(waitedSeconds),
        ])
    }

    public static func callConnected(time: Double, callID: String, queue: String, agent: String,
                                     waitedSeconds: Double) -> EngineEvent {
        EngineEvent(type: Types.callConnected, time: time, data: [
            "call_id": .string(callID), "queue": .string(queue), "agent": .string(agent),
            "waited_seconds": .number(waitedSeconds),
        ])
    }

    public static func queueJoined(time: Double, callID: String, queue: String, position: Int, priority: Int,
                                   callerNumber: String, callerName: String?) -> EngineEvent {
        EngineEvent(type: Types.queueJoined, time: time, data: [
            "call_id": .string(callID), "queue": .string(queue), "position": .number(Double(position)),
            "priority": .number(Double(priority)), "caller_number": .string(callerNumber),
            "caller_name": callerName.map(JSONValue.string) ?? .null,
        ])
    }

    /// - Parameter reason: `answered`, `abandoned` (the caller hung up), `timeout`, `key` or `no_agents`.
    public static func queueLeft(time: Double, callID: String, queue: String, reason: String,
                                 waitedSeconds: Double) -> EngineEvent {
        EngineEvent(type: Types.queueLeft, time: time, data: [
            "call_id": .string(callID), "queue": .string(queue), "reason": .string(reason),
            "waited_seconds": .number(waitedSeconds),
        ])
    }

    /// - Parameters: `reason` is the pause reason (with `paused`); `callID` the call that rings or is talking.
    public static func agentStatus(time: Double, agent: String, status: AgentStatus.Kind, previous: AgentStatus.Kind,
                                   reason: String? = nil, callID: String? = nil) -> EngineEvent {
        EngineEvent(type: Types.agentStatus, time: time, data: [
            "agent": .string(agent), "status": .string(status.rawValue), "previous": .string(previous.rawValue),
            "reason": reason.map(JSONValue.string) ?? .null, "call_id": callID.map(JSONValue.string) ?? .null,
        ])
    }

    public static func conferenceJoined(time: Double, callID: String, room: String, callerNumber: String, muted: Bool,
                                        moderator: Bool) -> EngineEvent {
        EngineEvent(type: Types.conferenceJoined, time: time, data: [
            "call_id": .string(callID), "room": .string(room), "caller_number": .string(callerNumber),
            "muted": .bool(muted), "moderator": .bool(moderator),
        ])
    }

    /// - Parameter reason: as `conference.done` says it (`max_seconds`, `key`, `kicked`, `room_ended`), or `hangup`.
    public static func conferenceLeft(time: Double, callID: String, room: String, reason: String) -> EngineEvent {
        EngineEvent(type: Types.conferenceLeft, time: time, data: [
            "call_id": .string(callID), "room": .string(room), "reason": .string(reason),
        ])
    }
}
