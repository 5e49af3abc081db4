/// Turns the engine's 8 kHz 16-bit audio into one RTP payload of a codec. Stateful for G.722 and
/// Opus, so each leg has its own.
/// - warning: Media thread only, like the leg that owns it.
public protocol AudioEncoder: AnyObject {
    /// One frame (normally 160 samples, 20 ms) to one payload; empty when the codec refuses it.
    func encode(_ samples: [Int16]) -> [UInt8]
}

/// Turns one RTP payload into 8 kHz 16-bit audio.
/// - warning: Media thread only, like the leg that owns it.
public protocol AudioDecoder: AnyObject {
    /// The payload's audio; empty when the payload is not valid for the codec (counted in `failures`).
    func decode(_ payload: [UInt8]) -> [Int16]
    /// Payloads refused so far.
    var failures: Int { get }
}

/// G.711 needs no state: the same object encodes and decodes with the lookup tables.
final class G711Coder: AudioEncoder, AudioDecoder {
    let format: Codec.Format
    let failures = 0

    init(format: Codec.Format) {
        self.format = format
    }

    func encode(_ samples: [Int16]) -> [UInt8] { Self.encode(samples, format: format) }
    func decode(_ payload: [UInt8]) -> [Int16] { Self.decode(payload, format: format) }

    static func encode(_ samples: some Collection<Int16>, format: Codec.Format) -> [UInt8] {
        let table = format == .pcmu ? G711.muLawEncodeTable : G711.aLawEncodeTable
        let shift: Int16 = format == .pcmu ? 2 : 3
        let offset = format == .pcmu ? 8192 : 4096
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

    static func decode(_ bytes: some Collection<UInt8>, format: Codec.Format) -> [Int16] {
        let table = format == .pcmu ? G711.muLawDecodeTable : G711.aLawDecodeTable
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
}
