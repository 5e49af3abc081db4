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
}

/// What answering-machine detection decided.
public enum MachineVerdict: String, Sendable, Hashable, Codable {
    case human, machine
    case notSure = "not_sure"
}
