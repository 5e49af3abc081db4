/// `detect_machine`: answering-machine detection in the manner of Asterisk's `AMD()`. Listens to
/// the first seconds of what the far end says and tells a person from a machine (docs/outbound.md).
/// Ends the list; the outcome arrives as `amd.done` with `{"result", "cause", "initial_silence",
/// "greeting", "words", "total"}`. Each field given overrides the call's settings (a campaign's,
/// an originate request's), else the defaults.
public struct DetectMachine: ScenarioAction {
    public static let name = "detect_machine"
    public var initialSilence: Double?
    public var greeting: Double?
    public var afterGreetingSilence: Double?
    public var totalAnalysis: Double?
    public var minimumWordLength: Double?
    public var betweenWordsSilence: Double?
    public var maximumWords: Int?
    public var silenceThreshold: Int?

    public init() {}

    public init(reading fields: inout FieldReader) throws(ReplyError) {
        initialSilence = try fields.number("initial_silence", in: 0.1...30, unit: " seconds")
        greeting = try fields.number("greeting", in: 0.1...30, unit: " seconds")
        afterGreetingSilence = try fields.number("after_greeting_silence", in: 0.1...30, unit: " seconds")
        totalAnalysis = try fields.number("total_analysis", in: 0.5...60, unit: " seconds")
        minimumWordLength = try fields.number("minimum_word_length", in: 0.02...5, unit: " seconds")
        betweenWordsSilence = try fields.number("between_words_silence", in: 0.02...5, unit: " seconds")
        maximumWords = try fields.integer("maximum_words", in: 1...100)
        silenceThreshold = try fields.integer("silence_threshold", in: 1...32767)
    }

    public var requirement: CallRequirement { .media(early: false) }
    public var flow: ActionFlow { .outcome(.amdDone) }
    public var summary: String { "detect an answering machine" }

    /// `base` with this action's overrides.
    public func settings(over base: MachineDetectionSettings) -> MachineDetectionSettings {
        var settings = base
        if let initialSilence { settings.initialSilence = initialSilence }
        if let greeting { settings.greeting = greeting }
        if let afterGreetingSilence { settings.afterGreetingSilence = afterGreetingSilence }
        if let totalAnalysis { settings.totalAnalysis = totalAnalysis }
        if let minimumWordLength { settings.minimumWordLength = minimumWordLength }
        if let betweenWordsSilence { settings.betweenWordsSilence = betweenWordsSilence }
        if let maximumWords { settings.maximumWords = maximumWords }
        if let silenceThreshold { settings.silenceThreshold = silenceThreshold }
        return settings
    }

    enum CodingKeys: String, CodingKey {
        case initialSilence = "initial_silence", greeting, afterGreetingSilence = "after_greeting_silence"
        case totalAnalysis = "total_analysis", minimumWordLength = "minimum_word_length"
        case betweenWordsSilence = "between_words_silence", maximumWords = "maximum_words", silenceThreshold = "silence_threshold"
    }
}

extension DetectMachine: RunnableAction {
    func start(in call: inout CallMachine) -> ActionStep {
        DetectingMachine.start(settings(over: call.configuration.machineDetection ?? .init()), reportAs: .amdDone, in: &call)
    }
}

/// A detection while it runs. The edge decides within `totalAnalysis` of audio; the timer is a
/// backstop for an edge that never reports (the result is then `not_sure`, `too_long`).
struct DetectingMachine: RunningAction {
    /// Slack over `totalAnalysis` for the backstop: audio arrives in real time, with jitter.
    static let backstopSlack = 2.0

    var settings: MachineDetectionSettings
    var timer: CallTimer
    /// `amd.done` for the action; `call.start` (with `result.amd`) for the outbound call's own detection.
    var reportAs: EventName

    static func start(_ settings: MachineDetectionSettings, reportAs: EventName, in call: inout CallMachine) -> ActionStep {
        let timer = call.nextTimer(.machineDetection)
        call.effects.append(.analyseAudio(.detectMachine(settings)))
        let total = settings.totalAnalysis.isFinite ? min(max(settings.totalAnalysis, 0), 3600) : 5
        call.effects.append(.startTimer(timer, seconds: total + backstopSlack))
        return .wait(DetectingMachine(settings: settings, timer: timer, reportAs: reportAs))
    }

    func audioAnalysed(_ result: AudioAnalysisResult, in call: inout CallMachine) -> ActionStep {
        guard case .machine(let detection) = result else { return .wait(self) }
        call.effects.append(.cancelTimer(timer))
        return done(detection, in: &call)
    }

    func timerFired(_ timer: CallTimer, in call: inout CallMachine) -> ActionStep {
        guard timer == self.timer else { return .wait(self) }
        call.effects.append(.analyseAudio(nil))
        let detection = MachineDetectionResult(verdict: .notSure, cause: "too_long", initialSilence: 0, greeting: 0, words: 0,
                                               total: settings.totalAnalysis)
        return done(detection, in: &call)
    }

    func stop(_ cause: StopCause, in call: inout CallMachine) -> AfterStop {
        call.effects.append(.cancelTimer(timer))
        call.effects.append(.analyseAudio(nil))
        return .nothing
    }

    /// The verdict goes into the call's record and trail, then to the scenario.
    func done(_ detection: MachineDetectionResult, in call: inout CallMachine) -> ActionStep {
        call.record.amd = detection.verdict
        call.trail(.note("amd", detection.json))
        let json = JSONValue.object(detection.json)
        return reportAs == .callStart ? .send(.callStart, result: ["amd": json]) : .send(.amdDone, result: detection.json)
    }
}

extension CallMachine {
    /// The call begins: an outbound call with machine detection configured runs it first, and
    /// `call.start` carries the verdict; any other call starts its scenario at once.
    mutating func startCall() {
        guard info.direction == .outbound, let settings = configuration.machineDetection else {
            send(.callStart)
            return
        }
        trail(.action(.detectMachine(DetectMachine()), index: nil))
        let step = DetectingMachine.start(settings, reportAs: .callStart, in: &self)
        take(step)
    }
}

extension CallTimer.Kind {
    /// A machine detection's backstop, should the edge never report.
    public static let machineDetection = Self("amd")
}

extension Action {
    public static func detectMachine(_ detect: DetectMachine) -> Action { Action(detect) }
}
