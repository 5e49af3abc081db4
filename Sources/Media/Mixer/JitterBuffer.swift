/// A participant's decoded 8 kHz audio waiting for the room's next tick: packets arrive when the
/// network delivers them, the mixer takes exactly one 20 ms frame per tick. Pure.
///
/// Bounded: beyond `capacity` frames (a burst, or a sender whose clock runs fast) the oldest audio
/// is dropped, so the delay it adds never grows past `capacity` × 20 ms. With less than a frame
/// waiting, the tick gets nothing and the participant is silent for it.
struct JitterBuffer: Sendable {
    static let frameSize = 160
    /// Frames kept at most: 100 ms.
    static let defaultCapacity = 5

    let capacity: Int
    private var samples: [Int16] = []
    /// Samples dropped because the buffer was full.
    private(set) var dropped = 0

    init(capacity: Int = defaultCapacity) {
        self.capacity = capacity
        samples.reserveCapacity((capacity + 1) * Self.frameSize)
    }

    var waitingSamples: Int { samples.count }

    mutating func push(_ audio: [Int16]) {
        samples += audio
        let limit = capacity * Self.frameSize
        if samples.count > limit {
            let excess = samples.count - limit
            dropped += excess
            samples.removeFirst(excess)
        }
    }

    /// The next 20 ms, or nil when less than that is waiting.
    mutating func nextFrame() -> [Int16]? {
        guard samples.count >= Self.frameSize else { return nil }
        let frame = Array(samples[0..<Self.frameSize])
        samples.removeFirst(Self.frameSize)
        return frame
    }

    mutating func clear() {
        samples.removeAll(keepingCapacity: true)
    }
}
