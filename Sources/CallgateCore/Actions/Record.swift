/// `record`: records the caller to a WAV file, after a beep, until the terminator key, silence,
/// `max_seconds` or hangup. Ends the list; the outcome arrives as `record.done` with `{"file", "duration", "reason"}`.
public struct Record: ScenarioAction {
    public static let name = "record"
    public var maxSeconds: Int
    public var beep: Bool
    /// The key that stops recording; "" for none.
    public var terminator: String

    public init(maxSeconds: Int = 60, beep: Bool = true, terminator: String = "#") {
        self.maxSeconds = maxSeconds
        self.beep = beep
        self.terminator = terminator
    }

    public init(reading fields: inout FieldReader) throws(ReplyError) {
        maxSeconds = try fields.integer("max_seconds", in: 1...3600) ?? 60
        beep = try fields.bool("beep") ?? true
        terminator = try fields.keys("terminator") ?? "#"
    }

    public var requirement: CallRequirement { .media(early: false) }
    public var flow: ActionFlow { .outcome(.recordDone) }
    public var summary: String { "record up to \(maxSeconds) s" + (beep ? " after a beep" : "") }

    enum CodingKeys: String, CodingKey { case maxSeconds = "max_seconds", beep, terminator }
}

extension Record: RunnableAction {
    /// `max_seconds` is a timer of the machine's, so the edge only records until it is told to stop.
    func start(in call: inout CallMachine) -> ActionStep {
        let timer = call.nextTimer(.record)
        call.effects.append(.startRecording(self))
        call.effects.append(.startTimer(timer, seconds: Double(maxSeconds)))
        return .wait(Recording(record: self, timer: timer))
    }
}

/// A recording while it runs. Once the machine asked the edge to stop it, `stopReason` says why,
/// and `record.done` reports that reason rather than the edge's.
struct Recording: RunningAction {
    var record: Record
    var timer: CallTimer
    var stopReason: String?

    func dtmf(_ key: Character, in call: inout CallMachine) -> ActionStep {
        guard stopReason == nil, record.terminator.contains(key) else { return .wait(self) }
        call.trail(.dtmf(key))
        call.effects.append(.cancelTimer(timer))
        return stopping(because: "terminator", in: &call)
    }

    func timerFired(_ timer: CallTimer, in call: inout CallMachine) -> ActionStep {
        guard stopReason == nil, timer == self.timer else { return .wait(self) }
        return stopping(because: "max_length", in: &call)
    }

    func recordingFinished(file: String, seconds: Double, reason: String, in call: inout CallMachine) -> ActionStep {
        call.effects.append(.cancelTimer(timer))
        call.record.recordings.append(file)
        return .send(.recordDone, result: ["file": .string(file), "duration": .number(seconds), "reason": .string(stopReason ?? reason)])
    }

    /// The edge closes the file after a stop; on the caller's hangup the call waits for it.
    func stop(_ cause: StopCause, in call: inout CallMachine) -> AfterStop {
        call.effects.append(.cancelTimer(timer))
        call.effects.append(.stopRecording(reason: "hangup"))
        return .recordingToSave
    }

    func stopping(because reason: String, in call: inout CallMachine) -> ActionStep {
        var next = self
        next.stopReason = reason
        call.effects.append(.stopRecording(reason: reason))
        return .wait(next)
    }
}

extension CallTimer.Kind {
    /// A recording's `max_seconds`.
    public static let record = Self("record")
}

extension Action {
    public static func record(_ record: Record) -> Action { Action(record) }
}
