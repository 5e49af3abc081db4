/// What answering-machine detection found: the verdict, why, and the figures behind it, as the
/// scenario gets it in `amd.done` (and in `call.start`'s `amd` on an outbound call that ran it).
public struct MachineDetectionResult: Sendable, Hashable {
    public var verdict: MachineVerdict
    /// `initial_silence`, `long_greeting`, `max_words`, `human_after_greeting` or `too_long`.
    public var cause: String
    /// Seconds of silence before the first word.
    public var initialSilence: Double
    /// Seconds of voice in the greeting.
    public var greeting: Double
    public var words: Int
    /// Seconds of audio analysed.
    public var total: Double

    public init(verdict: MachineVerdict, cause: String, initialSilence: Double, greeting: Double, words: Int, total: Double) {
        self.verdict = verdict
        self.cause = cause
        self.initialSilence = initialSilence
        self.greeting = greeting
        self.words = words
        self.total = total
    }

    /// The result object: `{"result", "cause", "initial_silence", "greeting", "words", "total"}`.
    public var json: [String: JSONValue] {
        [
            "result": .string(verdict.rawValue), "cause": .string(cause),
            "initial_silence": .number(CallMachine.rounded(initialSilence)), "greeting": .number(CallMachine.rounded(greeting)),
            "words": .number(Double(words)), "total": .number(CallMachine.rounded(total)),
        ]
    }
}

/// What the edge listens for in the far end's audio (`CallEffect.analyseAudio`).
public enum AudioAnalysis: Sendable, Hashable {
    /// Answering-machine detection; answer with `.audioAnalysed(.machine(_))`.
    case detectMachine(MachineDetectionSettings)
    /// Continuous silence this long; answer with `.audioAnalysed(.silence(seconds:))`.
    case waitForSilence(seconds: Double, silenceThreshold: Int)
}

/// What the edge heard (`CallInput.audioAnalysed`).
public enum AudioAnalysisResult: Sendable, Hashable {
    case machine(MachineDetectionResult)
    /// The silence a `waitForSilence` asked for, after `seconds` of audio.
    case silence(seconds: Double)
}
