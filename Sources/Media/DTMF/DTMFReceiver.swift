/// Turns a stream of RFC 4733 telephone-event packets into key presses, each reported exactly once.
///
/// A key press is many packets: an update every packet interval while the key is held (duration
/// growing) and the end packet repeated three times (RFC 4733 §2.5.1.4). All of them carry the
/// RTP timestamp of the event's start, so the timestamp identifies the key press. The key is
/// reported on the first packet seen of a new timestamp, whichever that is: the start packets may
/// have been lost. Packets of events older than the current one (reordered retransmissions) and
/// the segments of a very long key press (§2.5.1.3: a new timestamp that continues an event that
/// has not ended) are recognised and not reported again.
public struct DTMFReceiver: Sendable {
    struct Current: Sendable {
        var timestamp: UInt32
        var event: UInt8
        var ended: Bool
        var duration: UInt16

        /// Whether a packet with a new timestamp continues this event (§2.5.1.3): only a long event
        /// that has not ended, with the new segment starting where this one stops. A fast repeat of
        /// the same key whose end packets were lost is a new key press.
        func isContinued(by event: TelephoneEvent, at timestamp: UInt32) -> Bool {
            guard !ended, event.event == self.event, duration >= Self.longSegment else { return false }
            let gap = Int64(Int32(bitPattern: timestamp &- (self.timestamp &+ UInt32(duration))))
            return abs(gap) <= Int64(Self.segmentSlack)
        }

        static let longSegment: UInt16 = 0x8000
        static let segmentSlack = 1600
    }

    var current: Current?
    /// Timestamps already reported, to drop reordered stragglers of an earlier event.
    var recent: [UInt32] = []
    static let recentLimit = 8

    public init() {}

    /// Feeds one telephone-event packet; returns the key when this packet starts a new key press.
    public mutating func receive(_ event: TelephoneEvent, timestamp: UInt32) -> Character? {
        if let current {
            if timestamp == current.timestamp {
                self.current?.ended = current.ended || event.isEnd
                self.current?.duration = max(current.duration, event.duration)
                return nil
            }
            // Serial-number arithmetic (RFC 3550 wraps the timestamp): negative means older.
            if Int32(bitPattern: timestamp &- current.timestamp) < 0 || recent.contains(timestamp) {
                return nil
            }
            if current.isContinued(by: event, at: timestamp) {
                self.current = Current(timestamp: timestamp, event: event.event, ended: event.isEnd,
                                       duration: event.duration)
                remember(timestamp)
                return nil
            }
        }
        current = Current(timestamp: timestamp, event: event.event, ended: event.isEnd, duration: event.duration)
        remember(timestamp)
        return event.key
    }

    mutating func remember(_ timestamp: UInt32) {
        recent.append(timestamp)
        if recent.count > Self.recentLimit { recent.removeFirst() }
    }
}
