/// Cuts received audio into 20 ms frames and gives each frame's average absolute level, the
/// measure by which machine detection and the silence watch call a frame voice or silence.
/// Allocation-free; a partial frame waits for the next samples.
struct FrameLevels: Sendable {
    /// Samples in one 20 ms frame at the audio's rate.
    let frameSamples: Int
    private var sum = 0
    private var count = 0

    /// - Parameter sampleRate: of the audio fed (8000 for the engine's decoded audio); at least 50 Hz.
    init(sampleRate: Int) {
        frameSamples = max(1, sampleRate / 50)
    }

    /// Adds one sample; the frame's level when it completes a frame.
    mutating func add(_ sample: Int16) -> Int? {
        // Int16.min's magnitude does not fit an Int16; in Int it does.
        let value = Int(sample)
        sum += value < 0 ? -value : value
        count += 1
        guard count == frameSamples else { return nil }
        let level = sum / frameSamples
        reset()
        return level
    }

    /// Drops a partial frame (the far end went quiet mid-frame).
    mutating func reset() {
        sum = 0
        count = 0
    }
}
