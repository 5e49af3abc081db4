@testable import Media
import Testing

@Suite struct G711Tests {
    @Test func muLawKnownValues() {
        #expect(G711.decodeMuLaw(0xFF) == 0)
        #expect(G711.decodeMuLaw(0x7F) == 0)
        #expect(G711.decodeMuLaw(0x80) == 32124)
        #expect(G711.decodeMuLaw(0x00) == -32124)
        #expect(G711.decodeMuLaw(0xFE) == 8)
        #expect(G711.decodeMuLaw(0xEF) == 132)
        #expect(G711.encodeMuLaw(0) == 0xFF)
        #expect(G711.encodeMuLaw(32124) == 0x80)
        #expect(G711.encodeMuLaw(.max) == 0x80)
        #expect(G711.encodeMuLaw(.min) == 0x00)
    }

    @Test func aLawKnownValues() {
        #expect(G711.decodeALaw(0xD5) == 8)
        #expect(G711.decodeALaw(0x55) == -8)
        #expect(G711.decodeALaw(0xD4) == 24)
        #expect(G711.decodeALaw(0xAA) == 32256)
        #expect(G711.decodeALaw(0x2A) == -32256)
        #expect(G711.encodeALaw(0) == 0xD5)
        #expect(G711.encodeALaw(.max) == 0xAA)
        #expect(G711.encodeALaw(.min) == 0x2A)
    }

    /// The lookup tables agree with the reference encoder on every 16-bit value.
    @Test func tablesMatchTheReferenceEncoder() {
        for value in Int(Int16.min)...Int(Int16.max) {
            #expect(G711.encodeMuLaw(Int16(value)) == G711.referenceMuLaw(Int16(value)))
            #expect(G711.encodeALaw(Int16(value)) == G711.referenceALaw(Int16(value)))
        }
        let samples = (0..<1000).map { _ in Int16.random(in: .min ... .max) }
        #expect(Codec.pcmu.encode(samples) == samples.map(G711.encodeMuLaw))
        #expect(Codec.pcma.encode(samples[10..<20]) == samples[10..<20].map(G711.encodeALaw))
        #expect(Codec.pcma.decode(Codec.pcma.encode(samples)) == samples.map { G711.decodeALaw(G711.encodeALaw($0)) })
    }

    /// Every 16-bit value comes back within the quantisation step of its segment.
    @Test func roundTripErrorIsBounded() {
        for value in Int(Int16.min)...Int(Int16.max) where abs(value) <= 32124 {
            let muLaw = Int(G711.decodeMuLaw(G711.encodeMuLaw(Int16(value)))) - value
            let aLaw = Int(G711.decodeALaw(G711.encodeALaw(Int16(value)))) - value
            #expect(abs(muLaw) <= max(16, abs(value) / 16), "µ-law \(value)")
            #expect(abs(aLaw) <= max(8, abs(value) / 32), "A-law \(value)")
        }
    }

    /// Decoding then encoding is the identity on codes (µ-law has two zeros, 0x7F and 0xFF).
    @Test func codesSurviveDecodeEncode() {
        for code in 0...255 {
            let byte = UInt8(code)
            #expect(G711.encodeALaw(G711.decodeALaw(byte)) == byte)
            #expect(G711.encodeMuLaw(G711.decodeMuLaw(byte)) == (byte == 0x7F ? 0xFF : byte))
        }
    }

    @Test func codecTranscodesThroughLinear() {
        let samples: [Int16] = [0, 100, -100, 1000, -1000, 20000, -20000]
        let muLaw = Codec.pcmu.encode(samples)
        let aLaw = Codec.pcmu.transcode(muLaw, to: .pcma)
        #expect(aLaw == Codec.pcma.encode(Codec.pcmu.decode(muLaw)))
        #expect(Codec.pcmu.transcode(muLaw, to: .pcmu) == muLaw)
        #expect(Codec(payloadType: 0) == .pcmu)
        #expect(Codec(payloadType: 8) == .pcma)
        #expect(Codec(payloadType: 101) == nil)
    }
}
