/// Answering-machine detection in the manner of Asterisk's `AMD()`: tells a person who answers
/// from a machine by the shape of what the far end says in the first seconds. A person says
/// something short ("hello?") and waits; a machine plays a long greeting of many words, or (some
/// voicemail systems, a dead line) nothing at all.
///
/// Each 20 ms frame is voice or silence by its average absolute level against
/// `silenceThreshold`. A run of voice at least `minimumWordLength` long is a word; words are
/// separated by at least `betweenWordsSilence` of silence. The first word ends the initial
/// silence and starts the greeting. The verdict, in the order it is checked on each frame:
///
/// - `not_sure` (`too_long`): `totalAnalysis` of audio passed without a decision;
/// - `machine` (`initial_silence`): `initialSilence` of silence and no word yet;
/// - `human` (`human_after_greeting`): a greeting, then `afterGreetingSilence` of silence;
/// - `machine` (`max_words`): more than `maximumWords` words;
/// - `machine` (`long_greeting`): the greeting's voice reached `greeting`.
///
/// Pure and allocation-free: the media thread feeds it decoded audio as it arrives (any number
/// of samples; partial frames are carried over), and silence for the stretches where the far
/// end sends no packets at all. Tests feed it numbers.
public struct MachineDetector: Sendable {
    /// The analysis's parameters in milliseconds (see `MachineDetectionSettings`, in seconds, in
    /// the call's core; the edge converts).
    public struct Parameters: Sendable, Hashable {
        public var initialSilence = 2500
        public var greeting = 1500
        public var afterGreetingSilence = 800
        public var totalAnalysis = 5000
        public var minimumWordLength = 100
        public var betweenWordsSilence = 50
        public var maximumWords = 3
        /// Average absolute level of 16-bit samples under which a frame is silence.
        public var silenceThreshold = 256

        public init() {}
    }

    public enum Verdict: String, Sendable, Hashable {
        case human, machine
        case notSure = "not_sure"
    }

    public enum Cause: String, Sendable, Hashable {
        case initialSilence = "initial_silence"
        case longGreeting = "long_greeting"
        case maxWords = "max_words"
        case humanAfterGreeting = "human_after_greeting"
        case tooLong = "too_long"
    }

    /// The decision and the figures behind it, in milliseconds of audio.
    public struct Outcome: Sendable, Hashable {
        public var verdict: Verdict
        public var cause: Cause
        /// Silence before the first word (all of the analysis when no word came).
        public var initialSilence: Int
        /// Voice heard in the greeting (pauses between words not counted).
        public var greeting: Int
        public var words: Int
        /// Audio analysed in all.
        public var total: Int
    }

    public static let frameMilliseconds = 20

    public let parameters: Parameters
    private var levels: FrameLevels
    /// Samples in one 20 ms frame at the audio's rate.
    var frameSamples: Int { levels.frameSamples }

    private var total = 0
    private var silenceRun = 0
    private var voiceRun = 0
    private var inWord = false
    private var inGreeting = false
    private var initialSilence = 0
    private var greeting = 0
    private var words = 0
    /// Set once decided; later audio changes nothing.
    public private(set) var outcome: Outcome?

    /// - Parameter sampleRate: of the audio fed (8000 for the engine's decoded audio); at least 50 Hz.
    public init(_ parameters: Parameters, sampleRate: Int = 8000) {
        self.parameters = parameters
        levels = FrameLevels(sampleRate: sampleRate)
    }

    /// Analyses received audio; returns the outcome once, on the frame that decides it.
    public mutating func feed(_ samples: UnsafeBufferPointer<Int16>) -> Outcome? {
        guard outcome == nil else { return nil }
        for sample in samples {
            guard let level = levels.add(sample) else { continue }
            if let decided = frame(silent: level < parameters.silenceThreshold) { return decided }
        }
        return nil
    }

    public mutating func feed(_ samples: [Int16]) -> Outcome? {
        samples.withUnsafeBufferPointer { feed($0) }
    }

    /// The far end sent nothing for a frame's time (silence suppression, or no packets at all):
    /// counted as one silent frame, as a partial frame is dropped.
    public mutating func silentFrame() -> Outcome? {
        guard outcome == nil else { return nil }
        levels.reset()
        return frame(silent: true)
    }

    /// One 20 ms frame; the outcome if it decides.
    private mutating func frame(silent: Bool) -> Outcome? {
        let ms = Self.frameMilliseconds
        total += ms
        if total >= parameters.totalAnalysis { return decide(.notSure, .tooLong) }
        if silent {
            silenceRun += ms
            if !inGreeting { initialSilence += ms }
            if silenceRun >= parameters.betweenWordsSilence {
                inWord = false
                voiceRun = 0
            }
            if !inGreeting, initialSilence >= parameters.initialSilence { return decide(.machine, .initialSilence) }
            if inGreeting, silenceRun >= parameters.afterGreetingSilence { return decide(.human, .humanAfterGreeting) }
            return nil
        }
        voiceRun += ms
        if voiceRun >= parameters.minimumWordLength {
            // Less than a word (a click, a breath) neither ends the initial silence nor a pause.
            silenceRun = 0
            if !inWord {
                inWord = true
                words += 1
                if !inGreeting {
                    inGreeting = true
                    greeting = voiceRun - ms  // the word's earlier frames, counted below with this one
                }
            }
        }
        if inGreeting {
            greeting += ms
            if words > parameters.maximumWords { return decide(.machine, .maxWords) }
            if greeting >= parameters.greeting { return decide(.machine, .longGreeting) }
        }
        return nil
    }

    private mutating func decide(_ verdict: Verdict, _ cause: Cause) -> Outcome {
        let decided = Outcome(verdict: verdict, cause: cause, initialSilence: initialSilence, greeting: greeting,
                              words: words, total: total)
        outcome = decided
        return decided
    }
}
