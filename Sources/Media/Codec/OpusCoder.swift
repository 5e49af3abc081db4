import COpus

/// Opus (RFC 6716) through libopus at an 8 kHz sample rate, mono: libopus resamples inside, so a
/// wideband or stereo packet from a phone decodes to the engine's 8 kHz mono. The RTP clock is
/// 48 kHz (RFC 7587), so a 20 ms frame moves the timestamp 960.
final class OpusEncoder: AudioEncoder {
    private let state: OpaquePointer
    /// Frame sizes libopus accepts at 8 kHz: 2.5 to 60 ms.
    static let frameSizes = [20, 40, 80, 160, 320, 480]
    static let maxPacket = 1275  // RFC 6716 §3.2.1: the largest frame

    init() {
        var error: Int32 = 0
        guard let state = opus_encoder_create(8000, 1, OPUS_APPLICATION_VOIP, &error), error == OPUS_OK else {
            preconditionFailure("opus_encoder_create failed: \(error)")
        }
        self.state = state
        // Complexity 1 of 10: the media thread encodes every frame of every transcoded Opus leg,
        // and here (libopus 1.3.1, 8 kHz mono, 20 ms) a frame costs 35 µs at 1, 80 µs at 5 and
        // 167 µs at the default 10. The audio is G.711-band speech already; it stays clear.
        _ = copus_set_complexity(state, 1)
        _ = copus_set_signal_voice(state)
    }

    deinit { opus_encoder_destroy(state) }

    /// A frame of another length (a 30 ms G.711 stream being transcoded) is padded with silence
    /// to the next size Opus takes, or cut at 60 ms.
    func encode(_ samples: [Int16]) -> [UInt8] {
        guard !samples.isEmpty else { return [] }
        let size = Self.frameSizes.first { $0 >= samples.count } ?? 480
        var frame = Array(samples.prefix(size))
        if frame.count < size { frame += repeatElement(0, count: size - frame.count) }
        return [UInt8](unsafeUninitializedCapacity: Self.maxPacket) { output, count in
            let written = frame.withUnsafeBufferPointer { input -> Int32 in
                guard let input = input.baseAddress, let output = output.baseAddress else { return -1 }
                return opus_encode(state, input, Int32(size), output, Int32(Self.maxPacket))
            }
            count = written > 0 ? min(Int(written), Self.maxPacket) : 0
        }
    }
}

final class OpusDecoder: AudioDecoder {
    private let state: OpaquePointer
    private(set) var failures = 0
    /// 120 ms at 8 kHz: the longest packet Opus allows (RFC 6716 §3.2.5).
    static let maxSamples = 960

    init() {
        var error: Int32 = 0
        guard let state = opus_decoder_create(8000, 1, &error), error == OPUS_OK else {
            preconditionFailure("opus_decoder_create failed: \(error)")
        }
        self.state = state
    }

    deinit { opus_decoder_destroy(state) }

    /// libopus checks the packet and returns a negative code for a bad one: counted, no audio.
    func decode(_ payload: [UInt8]) -> [Int16] {
        guard !payload.isEmpty, payload.count <= 1 << 16 else {
            failures += 1
            return []
        }
        let samples = [Int16](unsafeUninitializedCapacity: Self.maxSamples) { output, count in
            let decoded = payload.withUnsafeBufferPointer { input -> Int32 in
                guard let bytes = input.baseAddress, let output = output.baseAddress else { return -1 }
                return opus_decode(state, bytes, Int32(input.count), output, Int32(Self.maxSamples), 0)
            }
            count = decoded > 0 ? min(Int(decoded), Self.maxSamples) : 0
        }
        if samples.isEmpty { failures += 1 }
        return samples
    }

    /// The packet's length at 48 kHz from its TOC byte; 20 ms when libopus cannot tell.
    static func duration(of payload: [UInt8]) -> Int {
        guard !payload.isEmpty, payload.count <= 1 << 16 else { return 960 }
        let samples = payload.withUnsafeBufferPointer { buffer -> Int32 in
            guard let bytes = buffer.baseAddress else { return -1 }
            return opus_packet_get_nb_samples(bytes, Int32(buffer.count), 48000)
        }
        return samples > 0 ? Int(samples) : 960
    }
}
