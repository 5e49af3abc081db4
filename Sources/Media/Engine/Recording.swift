/// A recording in progress on one leg: the file being written and the meter deciding when it ends.
/// Media thread only; the leg owns it.
///
/// Until the beep has been played the meter is nil and received audio is not recorded.
final class Recording {
    let writer: WAVWriter
    let maxSeconds: Double
    let silenceSeconds: Double?
    private(set) var meter: RecordingMeter?
    /// While true, received audio is written as silence of the same length (`record_pause`), and the
    /// silence that ends a recording is not counted: the caller was asked not to be recorded.
    var paused = false

    init(_ request: RecordingRequest) {
        writer = request.writer
        maxSeconds = request.maxSeconds
        silenceSeconds = request.silenceSeconds
    }

    var path: String { writer.path }
    var isStarted: Bool { meter != nil }

    func start(now: MonotonicTime) {
        guard meter == nil else { return }
        meter = RecordingMeter(maxSeconds: maxSeconds, silenceSeconds: silenceSeconds, now: now)
    }

    /// Writes received audio (and silence for a gap before it); returns why the recording must
    /// end now, if it must.
    func record(_ samples: [Int16], timestamp: UInt32, now: MonotonicTime) throws(WAVError) -> String? {
        guard var meter else { return nil }
        defer { self.meter = meter }
        let gap = meter.gap(before: timestamp, count: samples.count)
        if gap > 0 { try writer.append(repeatElement(Int16(0), count: gap)) }
        if paused {
            meter.suspendSilence(now: now)
            let fitting = meter.accept(silence: samples.count)
            if fitting > 0 { try writer.append(repeatElement(Int16(0), count: fitting)) }
        } else {
            let fitting = meter.accept(samples, now: now)
            if fitting > 0 { try writer.append(samples.prefix(fitting)) }
        }
        return meter.stopReason(now: now)
    }

    /// Why the recording must end at this tick, if it must (silence, or no audio for too long).
    func check(now: MonotonicTime) -> String? {
        if paused { meter?.suspendSilence(now: now) }
        return meter?.stopReason(now: now)
    }

    /// Closes the file; returns the seconds of audio it holds.
    func finish() throws(WAVError) -> Double {
        try writer.close()
        return writer.seconds
    }
}
