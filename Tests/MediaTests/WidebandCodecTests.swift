@testable import Media
import Testing

/// G.722 and Opus: round trips of a tone through each coder, bad packets, RTP clocks, and bridges
/// that transcode through 8 kHz audio or relay untouched.
@Suite struct WidebandCodecTests {
    /// Encodes a tone frame by frame with one encoder and decodes it with one decoder.
    static func roundTrip(_ codec: Codec, hz: Double, seconds: Double = 1) -> (payloads: [[UInt8]], decoded: [Int16]) {
        let tone = AudioClip.tone(hz: hz, seconds: seconds, amplitude: 0.5).samples
        let encoder = codec.makeEncoder(), decoder = codec.makeDecoder()
        var payloads: [[UInt8]] = [], decoded: [Int16] = []
        for start in stride(from: 0, to: tone.count, by: 160) {
            let payload = encoder.encode(Array(tone[start..<min(start + 160, tone.count)]))
            payloads.append(payload)
            decoded += decoder.decode(payload)
        }
        return (payloads, decoded)
    }

    @Test(arguments: [400.0, 1000.0, 3000.0])
    func g722RoundTripKeepsTheTone(hz: Double) {
        let (payloads, decoded) = Self.roundTrip(.g722, hz: hz)
        // 64 kbit/s: one byte per 8 kHz sample, 160 a frame.
        #expect(payloads.allSatisfy { $0.count == 160 })
        #expect(decoded.count == 8000)
        let steady = Array(decoded[800..<7200])  // past the coder's start-up and the clip's fades
        #expect(toneShare(steady, hz: hz) > 0.9, "share \(toneShare(steady, hz: hz))")
        #expect(abs(toneStats(steady).crossingsPerSecond - 2 * hz) < 0.05 * hz)
        #expect(toneStats(steady).rms > 8000)  // amplitude 0.5 is rms 11585: the level survives
    }

    @Test(arguments: [400.0, 1000.0, 3000.0])
    func opusRoundTripKeepsTheTone(hz: Double) {
        let (payloads, decoded) = Self.roundTrip(.opus, hz: hz)
        #expect(payloads.allSatisfy { !$0.isEmpty && $0.count < 160 })  // smaller than G.711's
        #expect(decoded.count == 8000)
        let steady = Array(decoded[800..<7200])
        #expect(toneShare(steady, hz: hz) > 0.8, "share \(toneShare(steady, hz: hz))")
        #expect(toneStats(steady).rms > 6000)
    }

    @Test func anotherToneIsNotMistakenForThisOne() {
        let (_, decoded) = Self.roundTrip(.opus, hz: 1000)
        #expect(toneShare(Array(decoded[800..<7200]), hz: 440) < 0.05)
    }

    @Test func badOpusPacketsAreCountedAndGiveNoAudio() {
        let decoder = Codec.opus.makeDecoder()
        // Code 3 with no frames; code 1 (two equal frames) with an odd length; nothing at all.
        for bad: [UInt8] in [[0x03, 0x00], [0x01, 0x00], []] {
            #expect(decoder.decode(bad).isEmpty)
        }
        #expect(decoder.failures == 3)
        // The decoder still works afterwards.
        let good = Codec.opus.makeEncoder().encode(AudioClip.tone(hz: 1000, seconds: 0.02).samples)
        #expect(decoder.decode(good).count == 160)
        // A packet's length is read from its TOC byte: 20 ms is 960 at 48 kHz.
        #expect(Codec.opus.timestampLength(of: good) == 960)
        #expect(Codec.opus.timestampLength(of: [0x03, 0x00]) == 960)  // unreadable: 20 ms assumed
    }

    @Test func dynamicPayloadTypesAndClocks() {
        #expect(Codec(payloadType: 9) == .g722)
        #expect(Codec(payloadType: 111) == nil)  // dynamic: only an rtpmap says what it is
        #expect(Codec.opus.payloadType == 111 && Codec.opus.clockRate == 48000 && Codec.opus.clockPer8kSample == 6)
        #expect(Codec.g722.clockRate == 8000 && Codec.g722.clockPer8kSample == 1)
        #expect(Codec.Format.opus.matches(encoding: "OPUS", clockRate: 48000))
        #expect(!Codec.Format.opus.matches(encoding: "opus", clockRate: 8000))
    }

    @Test(arguments: [Codec(.opus, payloadType: 107), Codec.g722])
    func playbackStepsTheTimestampByTheCodecClock(codec: Codec) async throws {
        let fixture = try EngineFixture()
        defer { fixture.tearDown() }
        let leg = try fixture.leg(codec: codec)
        leg.play(.tone(hz: 1000, seconds: 0.2, amplitude: 0.5), id: 1)
        #expect(await eventually { fixture.peer.count >= 10 })
        let packets = Array(fixture.peer.packets.prefix(10))
        #expect(packets.allSatisfy { $0.payloadType == codec.payloadType })
        #expect(zip(packets, packets.dropFirst()).allSatisfy { $1.timestamp == $0.timestamp &+ UInt32(160 * codec.clockPer8kSample) })
        let decoder = codec.makeDecoder()
        let heard = packets.flatMap { decoder.decode($0.payload) }
        #expect(toneShare(Array(heard.dropFirst(400)), hz: 1000) > 0.8)
    }

    /// A G.711 caller and an Opus agent: each hears the other's tone, in its own codec and clock.
    @Test(arguments: [Codec.pcmu, .pcma, .g722])
    func callerAndOpusAgentHearEachOther(callerCodec: Codec) async throws {
        let pair = try BridgeTests.Pair(codecA: callerCodec, codecB: Codec(.opus, payloadType: 96))
        defer { pair.tearDown() }
        pair.a.bridge(with: pair.b)
        pair.caller.sendAudio(AudioClip.tone(hz: 440, seconds: 0.4, amplitude: 0.5).samples, codec: callerCodec,
                              to: pair.a.localPort, ssrc: 0xCA11)
        pair.agent.sendAudio(AudioClip.tone(hz: 1000, seconds: 0.4, amplitude: 0.5).samples, codec: Codec(.opus, payloadType: 96),
                             to: pair.b.localPort, ssrc: 0xA6E7)
        #expect(await eventually { pair.agent.count == 20 && pair.caller.count == 20 })

        let toAgent = pair.agent.packets
        #expect(toAgent.allSatisfy { $0.payloadType == 96 })
        #expect(zip(toAgent, toAgent.dropFirst()).allSatisfy { $1.timestamp == $0.timestamp &+ 960 })
        let agentDecoder = Codec.opus.makeDecoder()
        let heardByAgent = toAgent.flatMap { agentDecoder.decode($0.payload) }
        #expect(toneShare(Array(heardByAgent.dropFirst(800)), hz: 440) > 0.8)

        let toCaller = pair.caller.packets
        #expect(toCaller.allSatisfy { $0.payloadType == callerCodec.payloadType })
        #expect(zip(toCaller, toCaller.dropFirst()).allSatisfy { $1.timestamp == $0.timestamp &+ 160 })
        let callerDecoder = callerCodec.makeDecoder()
        let heardByCaller = toCaller.flatMap { callerDecoder.decode($0.payload) }
        #expect(toneShare(Array(heardByCaller.dropFirst(800)), hz: 1000) > 0.8)
    }

    /// The same codec on both legs is relayed byte for byte: wideband stays wideband.
    @Test(arguments: [Codec.g722, .opus])
    func sameCodecIsRelayedUntouched(codec: Codec) async throws {
        let pair = try BridgeTests.Pair(codecA: codec, codecB: Codec(codec.format, payloadType: codec.format == .opus ? 120 : nil))
        defer { pair.tearDown() }
        pair.a.bridge(with: pair.b)
        let sent = Self.roundTrip(codec, hz: 700, seconds: 0.2).payloads
        for (index, payload) in sent.enumerated() {
            pair.caller.send(RTPPacket(marker: index == 0, payloadType: codec.payloadType, sequenceNumber: UInt16(index),
                                       timestamp: UInt32(index * 160 * codec.clockPer8kSample), ssrc: 7, payload: payload),
                             to: pair.a.localPort)
        }
        #expect(await eventually { pair.agent.count == sent.count })
        #expect(pair.agent.packets.map(\.payload) == sent)
        #expect(pair.agent.packets.allSatisfy { $0.payloadType == (codec.format == .opus ? 120 : 9) })
    }

    /// RFC 4733 stays per leg beside Opus, at the 48 kHz clock or at 8000 (baresip 1.0 answers
    /// Opus with telephone-event/8000): events are told apart by their timestamps either way.
    @Test(arguments: [UInt32(960 * 10), 1600])
    func dtmfArrivesBesideOpus(step: UInt32) async throws {
        let fixture = try EngineFixture()
        defer { fixture.tearDown() }
        let leg = try fixture.leg(codec: Codec(.opus, payloadType: 111), telephoneEvent: 101)
        let log = EventLog(leg)
        var sequence: UInt16 = 10
        fixture.peer.sendAudio(AudioClip.tone(hz: 700, seconds: 0.1).samples, codec: .opus, to: leg.localPort, ssrc: 0xD7AF)
        for (index, key) in "19#".enumerated() {
            fixture.peer.sendKey(key, payloadType: 101, timestamp: 96_000 + UInt32(index) * step, sequence: &sequence,
                                 to: leg.localPort)
        }
        #expect(await eventually { log.dtmf.count >= 3 })
        #expect(log.dtmf == "19#")
        #expect(leg.stats.packetsReceived >= 5 + 3 * 4)
    }
}
