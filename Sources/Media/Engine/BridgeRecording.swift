/// A two-party recording of a bridge: one stereo WAV, the first leg (the caller) on the left
/// channel and the second (the agent) on the right. Each 20 ms tick writes one frame of both,
/// so the channels stay aligned in real time whatever the packet timing; a side that sent
/// nothing in that frame is silence.
///
/// - warning: Media thread only; the first leg owns it and ticks it.
final class BridgeRecording {
    let writer: WAVWriter
    private var buffers: [[Int16]] = [[], []]
    /// At most this much audio waits per side (jitter); older samples are dropped so the
    /// channels never drift apart.
    private let maxBuffered = 1600
    /// The two legs recorded (left, right). They keep recording while they leave their bridge for
    /// a room (a supervisor joins), so the recording is found through it, not through `peer`.
    weak var left: LegState?
    weak var right: LegState?
    /// While true (`record_pause`), each tick writes a frame of silence on both channels and the
    /// audio received meanwhile is dropped, so the file keeps its length and none of it.
    var paused = false

    init(writer: WAVWriter) {
        self.writer = writer
    }

    var path: String { writer.path }

    /// Audio a side received, decoded.
    func push(_ samples: [Int16], channel: Int) {
        buffers[channel].append(contentsOf: samples)
        if buffers[channel].count > maxBuffered { buffers[channel].removeFirst(buffers[channel].count - maxBuffered) }
    }

    /// Writes one 20 ms stereo frame.
    func tick() throws(WAVError) {
        let frame = Playout.frameSize
        if paused {
            for channel in 0..<2 { buffers[channel].removeFirst(min(frame, buffers[channel].count)) }
            let silence = [Int16](repeating: 0, count: frame)
            try writer.append(left: silence, right: silence)
            return
        }
        var sides: [[Int16]] = []
        for channel in 0..<2 {
            let taken = Array(buffers[channel].prefix(frame))
            buffers[channel].removeFirst(taken.count)
            sides.append(taken + repeatElement(0, count: frame - taken.count))
        }
        try writer.append(left: sides[0], right: sides[1])
    }

    func finish() throws(WAVError) -> Double {
        try writer.close()
        return writer.seconds
    }
}
