import CSpanDSP

/// G.722 at 64 kbit/s through spandsp, in its 8 kHz mode (`G722_SAMPLE_RATE_8000`): it takes and
/// gives 8 kHz audio (the lower sub-band; the upper one is sent silent and ignored on receipt), one
/// byte per sample, so a 20 ms frame is 160 bytes and 160 RTP clock units (RFC 3551's 8000).
/// Wideband survives only where a bridge relays G.722 to G.722 untouched.
final class G722Encoder: AudioEncoder {
    private let state: OpaquePointer

    init() {
        // With a nil state spandsp allocates one; it fails only when malloc does.
        guard let state = g722_encode_init(nil, 64000, Int32(G722_SAMPLE_RATE_8000)) else {
            preconditionFailure("g722_encode_init: out of memory")
        }
        self.state = state
    }

    deinit { g722_encode_free(state) }

    func encode(_ samples: [Int16]) -> [UInt8] {
        guard !samples.isEmpty else { return [] }
        // A G.722 code byte per input sample in 8 kHz mode; the count can never be larger.
        return [UInt8](unsafeUninitializedCapacity: samples.count) { output, count in
            let written = samples.withUnsafeBufferPointer { input in
                g722_encode(state, output.baseAddress, input.baseAddress, Int32(input.count))
            }
            count = max(0, min(Int(written), samples.count))
        }
    }
}

final class G722Decoder: AudioDecoder {
    private let state: OpaquePointer
    private(set) var failures = 0

    init() {
        guard let state = g722_decode_init(nil, 64000, Int32(G722_SAMPLE_RATE_8000)) else {
            preconditionFailure("g722_decode_init: out of memory")
        }
        self.state = state
    }

    deinit { g722_decode_free(state) }

    /// Every byte is a valid G.722 code, so only an absurd size is refused (Int32 bounds).
    func decode(_ payload: [UInt8]) -> [Int16] {
        guard !payload.isEmpty, payload.count <= 65536 else {
            if !payload.isEmpty { failures += 1 }
            return []
        }
        return [Int16](unsafeUninitializedCapacity: payload.count) { output, count in
            let written = payload.withUnsafeBufferPointer { input in
                g722_decode(state, output.baseAddress, input.baseAddress, Int32(input.count))
            }
            count = max(0, min(Int(written), payload.count))
        }
    }
}
