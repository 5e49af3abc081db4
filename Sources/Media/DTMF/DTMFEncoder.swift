/// Builds the telephone-event payloads that send one DTMF key the way RFC 4733 §2.5.1 asks:
/// an update per packet interval while the key is "held", then the end packet three times.
/// All of them go out with the same RTP timestamp (the key's start); the first with the marker bit.
public enum DTMFEncoder {
    /// The events for one key, in sending order; nil for a character that is not a DTMF key.
    /// - Parameters:
    ///   - duration: how long the key is held, in samples (800 = 100 ms at 8 kHz).
    ///   - interval: samples between packets (160 = 20 ms).
    public static func events(for key: Character, duration: Int = 800, interval: Int = 160,
                              volume: UInt8 = 10) -> [TelephoneEvent]? {
        guard let first = TelephoneEvent(key: key, volume: volume, duration: 0), interval > 0 else { return nil }
        let total = UInt16(clamping: max(duration, interval))
        var events: [TelephoneEvent] = []
        var elapsed = interval
        while elapsed < Int(total) {
            var update = first
            update.duration = UInt16(elapsed)
            events.append(update)
            elapsed += interval
        }
        var end = first
        end.duration = total
        end.isEnd = true
        events.append(contentsOf: repeatElement(end, count: 3))
        return events
    }
}
