/// One RTP packet (RFC 3550 §5.1): the fixed header, optional CSRC list, header extension and
/// padding, and the payload. Parsing never traps on hostile input: anything malformed is a
/// `RTPParseError`, because every byte here comes straight off an untrusted UDP socket.
public struct RTPPacket: Sendable, Hashable {
    /// RFC 3550 §5.3.1 header extension: a profile-defined 16-bit tag and 32-bit words of data.
    public struct HeaderExtension: Sendable, Hashable {
        public var profile: UInt16
        /// Length must be a multiple of 4; `serialized()` zero-pads it otherwise.
        public var data: [UInt8]

        public init(profile: UInt16, data: [UInt8]) {
            self.profile = profile
            self.data = data
        }
    }

    public static let version: UInt8 = 2
    static let fixedHeaderLength = 12

    public var marker: Bool
    /// 7 bits.
    public var payloadType: UInt8
    public var sequenceNumber: UInt16
    public var timestamp: UInt32
    public var ssrc: UInt32
    /// At most 15 entries (the CC field has 4 bits).
    public var csrcs: [UInt32]
    public var headerExtension: HeaderExtension?
    public var payload: [UInt8]
    /// Padding octets after the payload, the count octet included; 0 means no padding (P bit clear).
    public var paddingLength: UInt8

    public init(marker: Bool = false, payloadType: UInt8, sequenceNumber: UInt16, timestamp: UInt32, ssrc: UInt32,
                csrcs: [UInt32] = [], headerExtension: HeaderExtension? = nil, payload: [UInt8],
                paddingLength: UInt8 = 0) {
        self.marker = marker
        self.payloadType = payloadType
        self.sequenceNumber = sequenceNumber
        self.timestamp = timestamp
        self.ssrc = ssrc
        self.csrcs = csrcs
        self.headerExtension = headerExtension
        self.payload = payload
        self.paddingLength = paddingLength
    }

    /// Parses a datagram, checking every length against the bytes actually present.
    public init(parsing bytes: [UInt8]) throws(RTPParseError) {
        guard bytes.count >= Self.fixedHeaderLength else { throw .truncated }
        let first = bytes[0]
        guard first >> 6 == Self.version else { throw .badVersion(first >> 6) }
        let hasPadding = first & 0x20 != 0
        let hasExtension = first & 0x10 != 0
        let csrcCount = Int(first & 0x0F)
        marker = bytes[1] & 0x80 != 0
        payloadType = bytes[1] & 0x7F
        sequenceNumber = bytes.readUInt16(at: 2)
        timestamp = bytes.readUInt32(at: 4)
        ssrc = bytes.readUInt32(at: 8)

        var offset = Self.fixedHeaderLength
        guard bytes.count >= offset + 4 * csrcCount else { throw .truncated }
        csrcs = (0..<csrcCount).map { bytes.readUInt32(at: offset + 4 * $0) }
        offset += 4 * csrcCount

        if hasExtension {
            guard bytes.count >= offset + 4 else { throw .truncated }
            let profile = bytes.readUInt16(at: offset)
            let length = 4 * Int(bytes.readUInt16(at: offset + 2))
            offset += 4
            guard bytes.count >= offset + length else { throw .truncated }
            headerExtension = HeaderExtension(profile: profile, data: Array(bytes[offset..<offset + length]))
            offset += length
        } else {
            headerExtension = nil
        }

        var end = bytes.count
        if hasPadding {
            // The last octet counts the padding, itself included; it cannot reach into the header.
            let count = Int(bytes[end - 1])
            guard count >= 1, count <= end - offset else { throw .badPadding }
            paddingLength = UInt8(count)
            end -= count
        } else {
            paddingLength = 0
        }
        payload = Array(bytes[offset..<end])
    }

    /// The wire form. Fields that do not fit (more than 15 CSRCs, a payload type above 127) are
    /// truncated to their bit width, as the header leaves no room for them.
    public func serialized() -> [UInt8] {
        let csrcList = csrcs.prefix(15)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.fixedHeaderLength + 4 * csrcList.count + payload.count + Int(paddingLength)
                              + (headerExtension.map { 4 + $0.data.count + 3 } ?? 0))
        var first = Self.version << 6 | UInt8(csrcList.count)
        if paddingLength > 0 { first |= 0x20 }
        if headerExtension != nil { first |= 0x10 }
        bytes.append(first)
        bytes.append((marker ? 0x80 : 0) | payloadType & 0x7F)
        bytes.appendUInt16(sequenceNumber)
        bytes.appendUInt32(timestamp)
        bytes.appendUInt32(ssrc)
        for csrc in csrcList { bytes.appendUInt32(csrc) }
        if let headerExtension {
            let words = (headerExtension.data.count + 3) / 4
            bytes.appendUInt16(headerExtension.profile)
            bytes.appendUInt16(UInt16(truncatingIfNeeded: words))
            bytes.append(contentsOf: headerExtension.data)
            bytes.append(contentsOf: repeatElement(0, count: 4 * words - headerExtension.data.count))
        }
        bytes.append(contentsOf: payload)
        if paddingLength > 0 {
            bytes.append(contentsOf: repeatElement(0, count: Int(paddingLength) - 1))
            bytes.append(paddingLength)
        }
        return bytes
    }
}
