/// Waits for the far end to go quiet: `wait_for_silence`, used to leave a message on a machine
/// once its greeting and beep are over (in the manner of Asterisk's `WaitForSilence()`).
///
/// Frames are voice or silence as in `MachineDetector`, by average absolute level. Only a run of
/// voice at least `minimumVoice` long restarts the count, so a click on the line does not.
/// Pure and allocation-free, fed like `MachineDetector`.
public struct SilenceWatch: Sendable {
    /// Continuous silence wanted, in milliseconds.
    public let silence: Int
    public let silenceThreshold: Int
    public let minimumVoice: Int
    private var levels: FrameLevels
    private var silenceRun = 0
    private var voiceRun = 0
    /// Audio analysed so far, in milliseconds.
    public private(set) var total = 0
    public private(set) var isDone = false

    public init(silenceMilliseconds: Int, silenceThreshold: Int = 256, minimumVoice: Int = 100, sampleRate: Int = 8000) {
        silence = max(MachineDetector.frameMilliseconds, silenceMilliseconds)
        self.silenceThreshold = silenceThreshold
        self.minimumVoice = minimumVoice
        levels = FrameLevels(sampleRate: sampleRate)
    }

    /// Analyses received audio; true once, on the frame that completes the silence.
    public mutating func feed(_ samples: UnsafeBufferPointer<Int16>) -> Bool {
        guard !isDone else { return false }
        for sample in samples {
            guard let level = levels.add(sample) else { continue }
            if frame(silent: level < silenceThreshold) { return true }
        }
        return false
    }

    public mutating func feed(_ samples: [Int16]) -> Bool {
        samples.withUnsafeBufferPointer { feed($0) }
    }

    /// A frame's time without packets from the far end: silence.
    public mutating func silentFrame() -> Bool {
        guard !isDone else { return false }
        levels.reset()
        return frame(silent: true)
    }

    private mutating func frame(silent: Bool) -> Bool {
        total += MachineDetector.frameMilliseconds
        if silent {
            silenceRun += MachineDetector.frameMilliseconds
            voiceRun = 0
        } else {
            voiceRun += MachineDetector.frameMilliseconds
            if voiceRun >= minimumVoice { silenceRun = 0 }
        }
        isDone = silenceRun >= silence
        return isDone
    }
}
