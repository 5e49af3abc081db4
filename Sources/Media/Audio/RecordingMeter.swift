/// Decides when a recording ends, from the audio it receives and the time. Pure: the media thread
/// feeds it frames and ticks; tests feed it numbers.
///
/// - max_length: the recording holds `maxSeconds` of audio (the last frame is cut to fit), or, when
///   the caller sends no packets at all, `maxSeconds` plus a grace of wall time has passed.
/// - silence: no frame louder than `threshold` (RMS) for `silenceSeconds` of wall time. The silence
///   clock starts when the recording starts, not at the first word: a caller who says nothing at
///   all ends the recording after `silenceSeconds`, instead of filling a voicemail box with nothing.
///   Wall time rather than received audio, so that a phone that stops sending packets (silence
///   suppression) is silent too.
struct RecordingMeter: Sendable {
    /// RMS below this is silence: about -41 dBFS, above line noise, well below speech (-20 to -30).
    static let defaultThreshold = 300.0
    /// Lost packets and silence-suppressed stretches shorter than this are filled with silence,
    /// keeping the recording in step with real time; larger jumps are a stream restart, not a gap.
    static let maxGapSamples = 2 * AudioClip.sampleRate
    static let wallTimeGrace = Duration.milliseconds(500)

    let maxSamples: Int
    let silence: Duration?
    let threshold: Double
    let startedAt: MonotonicTime
    private(set) var samples = 0
    private(set) var lastVoiceAt: MonotonicTime
    private var nextTimestamp: UInt32?

    init(maxSeconds: Double, silenceSeconds: Double?, threshold: Double = Self.defaultThreshold, now: MonotonicTime) {
        maxSamples = AudioClip.sampleCount(maxSeconds)
        silence = silenceSeconds.map { Duration(seconds: $0) }
        self.threshold = threshold
        startedAt = now
        lastVoiceAt = now
    }

    var isFull: Bool { samples >= maxSamples }

    /// Silence to insert before a packet whose RTP timestamp is ahead of the one expected.
    mutating func gap(before timestamp: UInt32, count: Int) -> Int {
        defer { nextTimestamp = timestamp &+ UInt32(truncatingIfNeeded: count) }
        guard let expected = nextTimestamp else { return 0 }
        let gap = Int(Int32(bitPattern: timestamp &- expected))
        guard gap > 0, gap <= Self.maxGapSamples else { return 0 }
        return accept(silence: gap)
    }

    /// Accounts for received audio; returns how many of its samples fit in the recording.
    mutating func accept(_ frame: [Int16], now: MonotonicTime) -> Int {
        if Self.rms(frame) >= threshold { lastVoiceAt = now }
        let fitting = min(frame.count, maxSamples - samples)
        samples += fitting
        return fitting
    }

    /// A paused recording (`record_pause`): the quiet that follows is not the caller falling silent.
    mutating func suspendSilence(now: MonotonicTime) {
        lastVoiceAt = now
    }

    /// Accounts for `count` samples written as silence; returns how many fit.
    mutating func accept(silence count: Int) -> Int {
        let fitting = min(count, maxSamples - samples)
        samples += fitting
        return fitting
    }

    /// Why the recording must end now, if it must.
    func stopReason(now: MonotonicTime) -> String? {
        if isFull { return "max_length" }
        if let silence, now - lastVoiceAt >= silence { return "silence" }
        if now - startedAt >= Duration(seconds: Double(maxSamples) / Double(AudioClip.sampleRate)) + Self.wallTimeGrace {
            return "max_length"
        }
        return nil
    }

    static func rms(_ frame: [Int16]) -> Double {
        guard !frame.isEmpty else { return 0 }
        let sum = frame.reduce(0.0) { $0 + Double($1) * Double($1) }
        return (sum / Double(frame.count)).squareRoot()
    }
}
