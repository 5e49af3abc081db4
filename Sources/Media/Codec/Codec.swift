/// The audio codecs a leg can speak: the two G.711 variants every SIP endpoint supports, with
/// their static RTP payload types (RFC 3551). Both carry 8000 samples/s, one byte per sample.
public enum Codec: Sendable, Hashable, CustomStringConvertible {
    /// G.711 µ-law, payload type 0.
    case pcmu
    /// G.711 A-law, payload type 8.
    case pcma

    public init?(payloadType: UInt8) {
        switch payloadType {
        case 0: self = .pcmu
        case 8: self = .pcma
        default: return nil
        }
    }

    public var payloadType: UInt8 {
        switch self {
        case .pcmu: 0
        case .pcma: 8
        }
    }

    public var description: String {
        switch self {
        case .pcmu: "PCMU"
        case .pcma: "PCMA"
        }
    }

    public func encode(_ samples: some Collection<Int16>) -> [UInt8] {
        let table = self == .pcmu ? G711.muLawEncodeTable : G711.aLawEncodeTable
        let shift: Int16 = self == .pcmu ? 2 : 3
        let offset = self == .pcmu ? 8192 : 4096
        // A plain loop over raw buffers: this runs for every frame sent, in debug builds too.
        return table.withUnsafeBufferPointer { table in
            let encode = { (input: UnsafeBufferPointer<Int16>) in
                [UInt8](unsafeUninitializedCapacity: input.count) { output, count in
                    for index in 0..<input.count { output[index] = table[Int(input[index] >> shift) + offset] }
                    count = input.count
                }
            }
            return samples.withContiguousStorageIfAvailable(encode) ?? Array(samples).withUnsafeBufferPointer(encode)
        }
    }

    public func decode(_ bytes: some Collection<UInt8>) -> [Int16] {
        let table = self == .pcmu ? G711.muLawDecodeTable : G711.aLawDecodeTable
        return table.withUnsafeBufferPointer { table in
            let decode = { (input: UnsafeBufferPointer<UInt8>) in
                [Int16](unsafeUninitializedCapacity: input.count) { output, count in
                    for index in 0..<input.count { output[index] = table[Int(input[index])] }
                    count = input.count
                }
            }
            return bytes.withContiguousStorageIfAvailable(decode) ?? Array(bytes).withUnsafeBufferPointer(decode)
        }
    }

    /// Re-encodes a payload for a leg that speaks `target`; returns it untouched when nothing changes.
    public func transcode(_ payload: [UInt8], to target: Codec) -> [UInt8] {
        target == self ? payload : target.encode(decode(payload))
    }
}
