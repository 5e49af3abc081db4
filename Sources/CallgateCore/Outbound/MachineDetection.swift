/// Answering-machine detection's parameters (in the manner of Asterisk's `AMD()`), per campaign
/// or per originate request. Seconds throughout.
public struct MachineDetectionSettings: Sendable, Hashable, Codable {
    /// No voice at all for this long after the answer: a machine (or a dead line).
    public var initialSilence: Double = 2.5
    /// A greeting longer than this is a machine's.
    public var greeting: Double = 1.5
    /// Silence after a short greeting this long: a person who said "hello" and waits.
    public var afterGreetingSilence: Double = 0.8
    /// The analysis gives up after this long: `not_sure`.
    public var totalAnalysis: Double = 5.0
    /// Voice shorter than this is noise, not a word.
    public var minimumWordLength: Double = 0.1
    /// Silence between words at least this long separates them.
    public var betweenWordsSilence: Double = 0.05
    /// More words than this: a machine.
    public var maximumWords: Int = 3
    /// Average absolute sample level (16-bit PCM) under which a 20 ms frame is silence.
    public var silenceThreshold: Int = 256

    public init() {}

    /// The same snake_case names as `POST /api/calls`'s `amd` object and docs/outbound.md; a
    /// campaign's `machine_detection` may give any of them, the rest keep their defaults.
    enum CodingKeys: String, CodingKey {
        case initialSilence = "initial_silence", greeting, afterGreetingSilence = "after_greeting_silence"
        case totalAnalysis = "total_analysis", minimumWordLength = "minimum_word_length"
        case betweenWordsSilence = "between_words_silence", maximumWords = "maximum_words", silenceThreshold = "silence_threshold"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = MachineDetectionSettings()
        initialSilence = try c.decodeIfPresent(Double.self, forKey: .initialSilence) ?? defaults.initialSilence
        greeting = try c.decodeIfPresent(Double.self, forKey: .greeting) ?? defaults.greeting
        afterGreetingSilence = try c.decodeIfPresent(Double.self, forKey: .afterGreetingSilence) ?? defaults.afterGreetingSilence
        totalAnalysis = try c.decodeIfPresent(Double.self, forKey: .totalAnalysis) ?? defaults.totalAnalysis
        minimumWordLength = try c.decodeIfPresent(Double.self, forKey: .minimumWordLength) ?? defaults.minimumWordLength
        betweenWordsSilence = try c.decodeIfPresent(Double.self, forKey: .betweenWordsSilence) ?? defaults.betweenWordsSilence
        maximumWords = try c.decodeIfPresent(Int.self, forKey: .maximumWords) ?? defaults.maximumWords
        silenceThreshold = try c.decodeIfPresent(Int.self, forKey: .silenceThreshold) ?? defaults.silenceThreshold
    }
}

/// What answering-machine detection decided.
public enum MachineVerdict: String, Sendable, Hashable, Codable {
    case human, machine
    case notSure = "not_sure"
}
