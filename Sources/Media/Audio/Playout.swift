/// What a queued clip is for, reported back when its last sample has been sent.
enum PlayoutTag: Sendable, Hashable {
    /// A clip the user asked for with `play(_:id:)`; finishing it emits `.playbackFinished(id)`.
    case clip(UInt64)
    /// The beep before a recording; finishing it starts the recording.
    case beep
    /// Music on hold: looped until `clear()`, never reported.
    case music
}

/// The clips queued on a leg, cut into 20 ms frames. Pure: the media thread asks for one frame per
/// tick and sends it; tests drive it directly.
///
/// Clips play back to back with no gap: a frame that ends one clip is filled from the next, and
/// only the very last frame is padded with silence.
struct Playout: Sendable {
    /// One tick's worth of audio and the clips it completes.
    struct Frame: Sendable, Equatable {
        /// Exactly `frameSize` samples, or nil when there was nothing to play (only empty clips ended).
        var samples: [Int16]?
        var finished: [PlayoutTag]
    }

    static let frameSize = 160

    private var queue: [(clip: AudioClip, tag: PlayoutTag)] = []
    private var head = 0
    private var position = 0

    var isEmpty: Bool { head == queue.count && music == nil }

    /// Music on hold: played again each time it ends, after whatever was queued, until `clear()`.
    private var music: AudioClip?

    /// Whether the beep of a recording is still waiting to be played.
    var hasBeep: Bool { queue[head...].contains { $0.tag == .beep } }

    mutating func enqueue(_ clip: AudioClip, tag: PlayoutTag) {
        queue.append((clip, tag))
    }

    /// Loops `clip` once the clips queued before it have played, until `clear()` (music on hold).
    mutating func loop(_ clip: AudioClip) {
        music = clip.samples.isEmpty ? nil : clip
    }

    /// Drops everything queued, the music too, without reporting anything (barge-in).
    mutating func clear() {
        dropQueue()
        music = nil
    }

    private mutating func dropQueue() {
        queue.removeAll()
        head = 0
        position = 0
    }

    /// The next frame, or nil when the queue is empty.
    mutating func nextFrame() -> Frame? {
        guard !isEmpty else { return nil }
        var samples: [Int16] = []
        samples.reserveCapacity(Self.frameSize)
        var finished: [PlayoutTag] = []
        while samples.count < Self.frameSize {
            if head == queue.count {
                guard let music else { break }
                dropQueue()
                queue.append((music, .music))
            }
            let clip = queue[head].clip.samples
            let take = min(Self.frameSize - samples.count, clip.count - position)
            samples += clip[position..<position + take]
            position += take
            if position == clip.count {
                finished.append(queue[head].tag)
                head += 1
                position = 0
            }
        }
        if head == queue.count { dropQueue() }  // keep the array from growing over a long call
        if samples.isEmpty { return Frame(samples: nil, finished: finished) }
        samples += repeatElement(0, count: Self.frameSize - samples.count)
        return Frame(samples: samples, finished: finished)
    }
}
