/// `wait_for_silence`: waits until the far end has been quiet for `seconds` in a row, or for
/// `timeout`. On a machine, this is how a message is left after the beep: the greeting and the
/// beep are sound, the silence after them is the box listening (docs/outbound.md). Ends the list;
/// the outcome arrives as `silence.done` with `{"reason": "silence" | "timeout", "waited"}`.
public struct WaitForSilence: ScenarioAction {
    public static let name = "wait_for_silence"
    public var seconds: Double
    public var timeout: Double
    /// Average absolute sample level under which a frame is silence; nil: the call's machine
    /// detection setting, else its default.
    public var silenceThreshold: Int?

    public init(seconds: Double = 1, timeout: Double = 30, silenceThreshold: Int? = nil) {
        self.seconds = seconds
        self.timeout = timeout
        self.silenceThreshold = silenceThreshold
    }

    public init(reading fields: inout FieldReader) throws(ReplyError) {
        seconds = try fields.number("seconds", in: 0.1...30, unit: " seconds") ?? 1
        timeout = try fields.number("timeout", in: 0.5...300, unit: " seconds") ?? 30
        silenceThreshold = try fields.integer("silence_threshold", in: 1...32767)
    }

    public var requirement: CallRequirement { .media(early: false) }
    public var flow: ActionFlow { .outcome(.silenceDone) }
    public var summary: String {
        "wait for \(JSONValue.number(seconds).scalarText ?? "\(seconds)") s of silence, up to \(JSONValue.number(timeout).scalarText ?? "\(timeout)") s"
    }

    enum CodingKeys: String, CodingKey { case seconds, timeout, silenceThreshold = "silence_threshold" }
}

extension WaitForSilence: RunnableAction {
    func start(in call: inout CallMachine) -> ActionStep {
        let threshold = silenceThreshold ?? (call.configuration.machineDetection ?? .init()).silenceThreshold
        let timer = call.nextTimer(.silence)
        call.effects.append(.analyseAudio(.waitForSilence(seconds: seconds, silenceThreshold: threshold)))
        call.effects.append(.startTimer(timer, seconds: timeout))
        return .wait(WaitingForSilence(timer: timer, startedAt: call.now))
    }
}

/// A wait for silence while it runs.
struct WaitingForSilence: RunningAction {
    var timer: CallTimer
    var startedAt: Double

    func audioAnalysed(_ result: AudioAnalysisResult, in call: inout CallMachine) -> ActionStep {
        guard case .silence = result else { return .wait(self) }
        call.effects.append(.cancelTimer(timer))
        return done("silence", in: call)
    }

    func timerFired(_ timer: CallTimer, in call: inout CallMachine) -> ActionStep {
        guard timer == self.timer else { return .wait(self) }
        call.effects.append(.analyseAudio(nil))
        return done("timeout", in: call)
    }

    func stop(_ cause: StopCause, in call: inout CallMachine) -> AfterStop {
        call.effects.append(.cancelTimer(timer))
        call.effects.append(.analyseAudio(nil))
        return .nothing
    }

    func done(_ reason: String, in call: CallMachine) -> ActionStep {
        .send(.silenceDone, result: ["reason": .string(reason), "waited": .number(CallMachine.rounded(call.now - startedAt))])
    }
}

extension CallTimer.Kind {
    /// A wait for silence's `timeout`.
    public static let silence = Self("silence")
}

extension Action {
    public static func waitForSilence(_ wait: WaitForSilence) -> Action { Action(wait) }
}
