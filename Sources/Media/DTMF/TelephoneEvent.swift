/// The 4-byte RFC 4733 telephone-event payload (§2.3): which key, whether the event has ended,
/// its volume and its duration so far, in RTP timestamp units (samples at 8 kHz).
public struct TelephoneEvent: Sendable, Hashable {
    /// RFC 4733 §3.2: events 0–15 are the DTMF keys, in this order.
    public static let keys: [Character] = Array("0123456789*#ABCD")
    static let payloadLength = 4

    /// 0–255; only 0–15 are DTMF keys.
    public var event: UInt8
    public var isEnd: Bool
    /// Power level in -dBm0, 0–63 (6 bits).
    public var volume: UInt8
    public var duration: UInt16

    public init(event: UInt8, isEnd: Bool = false, volume: UInt8 = 10, duration: UInt16) {
        self.event = event
        self.isEnd = isEnd
        self.volume = volume
        self.duration = duration
    }

    /// The event for a DTMF key ("0"–"9", "*", "#", "A"–"D"; lowercase letters accepted).
    public init?(key: Character, isEnd: Bool = false, volume: UInt8 = 10, duration: UInt16) {
        guard let code = Self.keys.firstIndex(of: Character(key.uppercased())) else { return nil }
        self.init(event: UInt8(code), isEnd: isEnd, volume: volume, duration: duration)
    }

    /// Reads the first event of a payload; extra bytes (redundant events) are ignored.
    public init(parsing payload: [UInt8]) throws(TelephoneEventError) {
        guard payload.count >= Self.payloadLength else { throw .truncated(payload.count) }
        event = payload[0]
        isEnd = payload[1] & 0x80 != 0
        // Bit 0x40 is reserved: senders must clear it, receivers must ignore it.
        volume = payload[1] & 0x3F
        duration = payload.readUInt16(at: 2)
    }

    /// The DTMF key, or nil for the non-DTMF events (flash, tones...).
    public var key: Character? {
        event < Self.keys.count ? Self.keys[Int(event)] : nil
    }

    public func serialized() -> [UInt8] {
        var bytes = [event, (isEnd ? 0x80 : 0) | volume & 0x3F]
        bytes.appendUInt16(duration)
        return bytes
    }
}

/// Why a payload is not a telephone event.
public enum TelephoneEventError: Error, Sendable, Hashable {
    /// Fewer than 4 bytes.
    case truncated(Int)
}
