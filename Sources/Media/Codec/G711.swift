/// ITU-T G.711 companding: 16-bit linear PCM to and from 8-bit µ-law (PCMU) and A-law (PCMA).
///
/// Both directions are table lookups, because the media thread encodes every frame it sends and
/// decodes every frame it records or transcodes, and must stay cheap even in a debug build. The
/// tables are filled once from the segment search of the classic Sun reference implementation
/// (g711.c), which every softphone and gateway agrees with bit for bit. µ-law only looks at the
/// top 14 bits of a sample and A-law at the top 13, so the encode tables have 16,384 and 8,192
/// entries.
public enum G711 {
    @inline(__always)
    public static func encodeMuLaw(_ sample: Int16) -> UInt8 {
        muLawEncodeTable[Int(sample >> 2) + 8192]
    }

    @inline(__always)
    public static func decodeMuLaw(_ byte: UInt8) -> Int16 {
        muLawDecodeTable[Int(byte)]
    }

    @inline(__always)
    public static func encodeALaw(_ sample: Int16) -> UInt8 {
        aLawEncodeTable[Int(sample >> 3) + 4096]
    }

    @inline(__always)
    public static func decodeALaw(_ byte: UInt8) -> Int16 {
        aLawDecodeTable[Int(byte)]
    }

    static let muLawEncodeTable: [UInt8] = (-8192...8191).map { referenceMuLaw(Int16($0 << 2)) }
    static let aLawEncodeTable: [UInt8] = (-4096...4095).map { referenceALaw(Int16($0 << 3)) }

    static let muLawDecodeTable: [Int16] = (0...255).map { code in
        let byte = ~UInt8(code)
        let exponent = Int32((byte >> 4) & 0x07)
        let mantissa = Int32(byte & 0x0F)
        let magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84
        return Int16(byte & 0x80 != 0 ? -magnitude : magnitude)
    }

    static let aLawDecodeTable: [Int16] = (0...255).map { code in
        let byte = UInt8(code) ^ 0x55
        var magnitude = Int32(byte & 0x0F) << 4
        let segment = Int32((byte & 0x70) >> 4)
        switch segment {
        case 0: magnitude += 8
        case 1: magnitude += 0x108
        default: magnitude = (magnitude + 0x108) << (segment - 1)
        }
        return Int16(byte & 0x80 != 0 ? magnitude : -magnitude)
    }

    /// Sun g711.c `linear2ulaw`: 14-bit magnitude, biased by 33 so that segment 0 is not empty.
    static func referenceMuLaw(_ sample: Int16) -> UInt8 {
        var value = Int32(sample) >> 2
        let mask: Int32
        if value < 0 {
            value = -value
            mask = 0x7F
        } else {
            mask = 0xFF
        }
        value = min(value, 8159) + 33
        let segment = segmentIndex(value, ends: [0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF])
        guard segment < 8 else { return UInt8(truncatingIfNeeded: 0x7F ^ mask) }
        let code = Int32(segment << 4) | ((value >> Int32(segment + 1)) & 0xF)
        return UInt8(truncatingIfNeeded: code ^ mask)
    }

    /// Sun g711.c `linear2alaw`: 13-bit magnitude; even bits inverted (the 0x55 in the masks).
    static func referenceALaw(_ sample: Int16) -> UInt8 {
        var value = Int32(sample) >> 3
        let mask: Int32
        if value >= 0 {
            mask = 0xD5
        } else {
            mask = 0x55
            value = -value - 1
        }
        let segment = segmentIndex(value, ends: [0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF])
        guard segment < 8 else { return UInt8(truncatingIfNeeded: 0x7F ^ mask) }
        var code = Int32(segment << 4)
        code |= segment < 2 ? (value >> 1) & 0xF : (value >> Int32(segment)) & 0xF
        return UInt8(truncatingIfNeeded: code ^ mask)
    }

    static func segmentIndex(_ value: Int32, ends: [Int32]) -> Int {
        ends.firstIndex { value <= $0 } ?? ends.count
    }
}
