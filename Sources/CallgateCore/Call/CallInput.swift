/// Something that happened to a call, fed into `CallMachine.handle(_:at:)` by whatever drives it
/// (the SIP and media edge in production, the simulated call in `callgate test`, a test).
public enum CallInput: Sendable, Hashable {
    /// The call arrived; for a call the engine places (`direction: outbound`), it is being dialed.
    case start
    /// The callee of a call the engine placed answered: `call.start` goes to the scenario now.
    case calleeAnswered
    /// A call the engine placed was never answered: `disposition` is `no_answer`, `busy`,
    /// `rejected` or `failed`, with the callee's final SIP status (0 when none came).
    case dialFailed(disposition: String, status: Int, reason: String)
    /// The scenario run for the last event ended: its parsed reply, or why there is none.
    case scenarioFinished(Result<Reply, ScenarioFailure>)
    /// The prompt the machine started has played to its end.
    case promptFinished
    /// The caller pressed a key.
    case dtmf(Character)
    /// A timer the machine started has expired.
    case timerFired(CallTimer)
    /// The recording the machine started has stopped and is saved.
    case recordingFinished(file: String, seconds: Double, reason: String)
    /// The transfer failed or its bridged call ended (`busy`, `no_answer`, `failed`, `ended`).
    case transferEnded(reason: String, details: [String: JSONValue])
    /// The caller left the queue (`agent_hangup`, `timeout`, `full`, `no_agents`, `key`).
    case queueLeft(reason: String, details: [String: JSONValue])
    /// The room let the caller go: `kicked` (the API), `room_ended` (its last moderator left).
    case conferenceLeft(reason: String, details: [String: JSONValue])
    /// An operator's phone (REFER) or the API moved the call elsewhere: the trail notes it, and
    /// once `completed` the vars `transferred_by` and `transferred_to` say so (in `call.end` and
    /// the call's record). `attended` is a completed attended transfer (REFER with Replaces): the
    /// same vars, plus `transfer_type: attended`. The running action is not disturbed.
    case transferredByOperator(by: String, to: String, outcome: String)
    /// What `analyseAudio` listened for was heard: a machine-detection verdict, or silence.
    case audioAnalysed(AudioAnalysisResult)
    /// The caller hung up (BYE, or CANCEL before the answer).
    case callerHungUp
    /// The edge could not carry out the current action (a prompt that cannot be played, a queue
    /// that does not exist); the route's fallback takes over.
    case actionFailed(ScenarioFailure)
    /// The caller's media stopped arriving (RTP timeout): the engine hangs up and records why.
    case mediaTimeout
    /// The edge noticed something worth a line in the trail (``TrailEntry/Step/note(_:_:)``): a
    /// party put the call on hold or resumed it. The running action is not disturbed.
    case note(String, details: [String: JSONValue])
    /// The engine is shutting down: the call ends now (BYE, or 503 before the answer).
    case engineShutdown
    /// Someone outside the call ended it (`by`: "api"): BYE, or a final response before the answer.
    case hangupRequested(by: String)
    /// Someone outside the scenario paused (true) or resumed (false) the call's recording (`by`: "api").
    /// The edge has already checked there is something to pause; the machine notes it and passes it on.
    case recordingPaused(Bool, by: String)
}

/// A timer of the call machine. The generation tells a stale expiry from the current one.
public struct CallTimer: Sendable, Hashable, CustomStringConvertible {
    /// What the timer is for, named by the action that starts it (`CallTimer.Kind.gather` is in
    /// `Gather.swift`), so an action with a timer of its own needs no change here.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }
    }
    public var kind: Kind
    public var generation: Int

    public init(kind: Kind, generation: Int) {
        self.kind = kind
        self.generation = generation
    }

    public var description: String { "\(kind.rawValue)#\(generation)" }
}
