/// The sound of one room for one 20 ms tick. Pure: the media thread feeds it each participant's
/// frame (nil when its jitter buffer had none) and sends each participant what it returns.
///
/// Each participant hears the sum of the *others* it may hear (unmuted, with a frame, and whose
/// audience admits it), clipped to Int16. The speakers everyone hears are summed once, and a
/// listener's own voice subtracted from that sum, so a room of N costs O(N) frames, not O(N²).
struct RoomMixer: Sendable {
    /// One participant's part in a tick.
    struct Voice: Sendable, Hashable {
        var id: ParticipantID
        /// This tick's decoded 8 kHz audio; nil when nothing arrived in time.
        var frame: [Int16]?
        var muted = false
        var audience = Audience.everyone
    }

    let frameSize: Int
    /// The sum of the speakers everyone hears, kept between ticks to spare an allocation.
    private var total: [Int32]
    private var sum: [Int32]

    init(frameSize: Int = 160) {
        self.frameSize = frameSize
        total = Array(repeating: 0, count: frameSize)
        sum = Array(repeating: 0, count: frameSize)
    }

    /// What each voice hears, in the order given; nil for a participant who hears nobody this tick.
    mutating func mix(_ voices: [Voice]) -> [[Int16]?] {
        for index in 0..<frameSize { total[index] = 0 }
        var everyoneSpeakers = 0
        var selective: [Int] = []  // speakers with `.only`
        for (index, voice) in voices.enumerated() where speaks(voice) {
            switch voice.audience {
            case .everyone:
                add(voice.frame!, to: &total, sign: 1)
                everyoneSpeakers += 1
            case .only:
                selective.append(index)
            case .nobody:
                break
            }
        }
        var heard: [[Int16]?] = []
        heard.reserveCapacity(voices.count)
        for (index, listener) in voices.enumerated() {
            var count = everyoneSpeakers
            sum = total
            if speaks(listener), listener.audience == .everyone {
                add(listener.frame!, to: &sum, sign: -1)  // never one's own voice
                count -= 1
            }
            for speaker in selective where speaker != index && voices[speaker].audience.admits(listener.id) {
                add(voices[speaker].frame!, to: &sum, sign: 1)
                count += 1
            }
            heard.append(count == 0 ? nil : Self.clipped(sum))
        }
        return heard
    }

    private func speaks(_ voice: Voice) -> Bool { !voice.muted && voice.frame != nil }

    private func add(_ frame: [Int16], to accumulator: inout [Int32], sign: Int32) {
        let count = min(frame.count, frameSize)
        frame.withUnsafeBufferPointer { frame in
            accumulator.withUnsafeMutableBufferPointer { accumulator in
                for index in 0..<count { accumulator[index] += sign * Int32(frame[index]) }
            }
        }
    }

    /// Int32 sums back to Int16, saturating instead of wrapping (a wrap is a loud click).
    static func clipped(_ sum: [Int32]) -> [Int16] {
        [Int16](unsafeUninitializedCapacity: sum.count) { output, count in
            for index in 0..<sum.count { output[index] = Int16(clamping: sum[index]) }
            count = sum.count
        }
    }
}
