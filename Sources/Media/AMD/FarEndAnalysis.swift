/// What a leg listens for in the audio the far end sends: answering-machine detection, or a
/// wait for silence (`MediaLeg.detectMachine(_:)`, `MediaLeg.waitForSilence(milliseconds:silenceThreshold:)`).
public enum FarEndAnalysisRequest: Sendable, Hashable {
    case detectMachine(MachineDetector.Parameters)
    case waitForSilence(milliseconds: Int, silenceThreshold: Int)
}

/// One leg's running analysis, with the time audio last arrived, so that the ticks can count the
/// stretches without packets as silence.
///
/// - warning: Media thread only, like the `LegState` that holds it.
struct FarEndAnalysis {
    /// Packets later than this are a gap (silence suppression, a far end that stopped sending),
    /// not jitter: from then on each tick counts a frame of silence.
    static let gap = Duration.milliseconds(100)

    enum Listener {
        case machine(MachineDetector)
        case silence(SilenceWatch)
    }

    var listener: Listener
    var lastAudio: MonotonicTime

    init(_ request: FarEndAnalysisRequest, now: MonotonicTime) {
        switch request {
        case .detectMachine(let parameters):
            listener = .machine(MachineDetector(parameters))
        case .waitForSilence(let milliseconds, let threshold):
            listener = .silence(SilenceWatch(silenceMilliseconds: milliseconds, silenceThreshold: threshold))
        }
        lastAudio = now
    }

    /// Received audio; the event to report when it decides.
    mutating func receive(_ samples: [Int16], now: MonotonicTime) -> MediaEvent? {
        lastAudio = now
        return samples.withUnsafeBufferPointer { buffer -> MediaEvent? in
            switch listener {
            case .machine(var detector):
                let outcome = detector.feed(buffer)
                listener = .machine(detector)
                return outcome.map(MediaEvent.machineDetected)
            case .silence(var watch):
                let done = watch.feed(buffer)
                listener = .silence(watch)
                return done ? .silenceHeard(milliseconds: watch.total) : nil
            }
        }
    }

    /// One tick: a frame of silence when no audio arrived for longer than `gap`.
    mutating func tick(now: MonotonicTime) -> MediaEvent? {
        guard now - lastAudio > Self.gap else { return nil }
        switch listener {
        case .machine(var detector):
            let outcome = detector.silentFrame()
            listener = .machine(detector)
            return outcome.map(MediaEvent.machineDetected)
        case .silence(var watch):
            let done = watch.silentFrame()
            listener = .silence(watch)
            return done ? .silenceHeard(milliseconds: watch.total) : nil
        }
    }
}
