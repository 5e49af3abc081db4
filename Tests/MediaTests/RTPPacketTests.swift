@testable import Media
import Testing

@Suite struct RTPPacketTests {
    static let full = RTPPacket(marker: true, payloadType: 8, sequenceNumber: 0xBEEF, timestamp: 0xDEAD_BEEF,
                                ssrc: 0x0102_0304, csrcs: [0xAAAA_AAAA, 0xBBBB_BBBB],
                                headerExtension: .init(profile: 0xBEDE, data: [1, 2, 3, 4, 5, 6, 7, 8]),
                                payload: Array(0..<160), paddingLength: 4)

    @Test func parsesAKnownHeader() throws {
        let bytes: [UInt8] = [0x80, 0x80 | 0, 0x12, 0x34, 0x00, 0x00, 0x01, 0x40, 0xCA, 0xFE, 0xBA, 0xBE, 0xFF, 0x7F]
        let packet = try RTPPacket(parsing: bytes)
        #expect(packet.marker)
        #expect(packet.payloadType == 0)
        #expect(packet.sequenceNumber == 0x1234)
        #expect(packet.timestamp == 320)
        #expect(packet.ssrc == 0xCAFE_BABE)
        #expect(packet.csrcs.isEmpty)
        #expect(packet.headerExtension == nil)
        #expect(packet.payload == [0xFF, 0x7F])
        #expect(packet.serialized() == bytes)
    }

    @Test func roundTripsEveryField() throws {
        let bytes = Self.full.serialized()
        #expect(bytes.count == 12 + 8 + 4 + 8 + 160 + 4)
        #expect(bytes[0] == 0x80 | 0x20 | 0x10 | 2)
        #expect(try RTPPacket(parsing: bytes) == Self.full)
    }

    @Test func truncatedHeadersAreRejected() {
        let bytes = Self.full.serialized()
        let headerLength = 12 + 8 + 4 + 8  // fixed header, two CSRCs, extension header and data
        for length in 0..<headerLength {
            #expect(throws: RTPParseError.self) { try RTPPacket(parsing: Array(bytes.prefix(length))) }
        }
        // Cut inside the payload, the last byte is read as the padding count: either a shorter
        // valid packet or badPadding, never a crash and never more payload than there was.
        for length in headerLength..<bytes.count {
            if let packet = try? RTPPacket(parsing: Array(bytes.prefix(length))) {
                #expect(packet.payload.count < length - headerLength)
            }
        }
    }

    @Test func rejectsWrongVersionAndBadPadding() {
        var bytes = RTPPacket(payloadType: 0, sequenceNumber: 1, timestamp: 2, ssrc: 3, payload: [1, 2]).serialized()
        bytes[0] = 0x40
        #expect(throws: RTPParseError.badVersion(1)) { try RTPPacket(parsing: bytes) }
        bytes[0] = 0x80 | 0x20
        bytes[bytes.count - 1] = 0
        #expect(throws: RTPParseError.badPadding) { try RTPPacket(parsing: bytes) }
        bytes[bytes.count - 1] = 3
        #expect(throws: RTPParseError.badPadding) { try RTPPacket(parsing: bytes) }
        bytes[bytes.count - 1] = 2
        #expect((try? RTPPacket(parsing: bytes))?.payload == [])
    }

    @Test func extensionLongerThanPacketIsRejected() {
        var bytes = RTPPacket(payloadType: 0, sequenceNumber: 1, timestamp: 2, ssrc: 3, payload: []).serialized()
        bytes[0] |= 0x10
        bytes += [0xBE, 0xDE, 0xFF, 0xFF, 1, 2, 3, 4]
        #expect(throws: RTPParseError.truncated) { try RTPPacket(parsing: bytes) }
    }

    /// Random datagrams never trap: each is a packet or an error.
    @Test func randomBytesNeverCrash() {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<20_000 {
            let length = Int.random(in: 0...64, using: &generator)
            var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if round % 2 == 0, !bytes.isEmpty { bytes[0] = 0x80 | (bytes[0] & 0x3F) }  // half of them look like RTP v2
            if let packet = try? RTPPacket(parsing: bytes) {
                #expect(packet.payload.count <= length)
            }
        }
    }
}
