@testable import Media
import Testing

@Suite struct BridgeTests {
    /// Two legs on one engine, each with its own far end: caller ↔ leg A ⇄ leg B ↔ agent.
    struct Pair {
        let fixture: EngineFixture
        let agent: TestPeer
        let a: MediaLeg
        let b: MediaLeg

        init(codecA: Codec, codecB: Codec) throws {
            fixture = try EngineFixture()
            agent = try TestPeer()
            a = try fixture.leg(codec: codecA)
            b = try fixture.engine.openLeg()
            try b.setRemote(host: "127.0.0.1", port: agent.port, codec: codecB, telephoneEvent: 101)
        }

        var caller: TestPeer { fixture.peer }

        func tearDown() {
            agent.close()
            fixture.tearDown()
        }
    }

    @Test(arguments: [(Codec.pcmu, Codec.pcmu), (.pcmu, .pcma), (.pcma, .pcmu)])
    func audioIsRelayedBothWays(codecA: Codec, codecB: Codec) async throws {
        let pair = try Pair(codecA: codecA, codecB: codecB)
        defer { pair.tearDown() }
        pair.a.bridge(with: pair.b)
        let callerVoice = AudioClip.tone(hz: 440, seconds: 0.2, amplitude: 0.5).samples
        let agentVoice = AudioClip.tone(hz: 1000, seconds: 0.1, amplitude: 0.5).samples

        // The bridge command is applied before the first packet is read: commands go first.
        pair.caller.sendAudio(callerVoice, codec: codecA, to: pair.a.localPort, ssrc: 0xCA11)
        pair.agent.sendAudio(agentVoice, codec: codecB, to: pair.b.localPort, ssrc: 0xA6E7)
        #expect(await eventually { pair.agent.count == 10 && pair.caller.count == 5 })

        let toAgent = pair.agent.packets
        #expect(toAgent.allSatisfy { $0.payloadType == codecB.payloadType && $0.ssrc != 0xCA11 })
        #expect(Set(toAgent.map(\.ssrc)).count == 1)
        #expect(zip(toAgent, toAgent.dropFirst()).allSatisfy {
            $1.sequenceNumber == $0.sequenceNumber &+ 1 && $1.timestamp == $0.timestamp &+ 160
        })
        let heardByAgent = toAgent.flatMap { codecB.decode($0.payload) }
        let sentByCaller = codecA.decode(codecA.encode(callerVoice))
        #expect(heardByAgent.count == sentByCaller.count)
        // Transcoding requantises: each sample stays within a few percent of the original.
        #expect(zip(heardByAgent, sentByCaller).allSatisfy { abs(Int($0) - Int($1)) <= max(16, abs(Int($1)) / 10) })

        let toCaller = pair.caller.packets
        #expect(toCaller.allSatisfy { $0.payloadType == codecA.payloadType && $0.ssrc != 0xA6E7 })
        #expect(abs(toneStats(toCaller.flatMap { codecA.decode($0.payload) }).crossingsPerSecond - 2000) < 100)
    }

    @Test func bridgingStopsPlaybackAndUnbridgingStopsTheRelay() async throws {
        let pair = try Pair(codecA: .pcmu, codecB: .pcmu)
        defer { pair.tearDown() }
        let logA = EventLog(pair.a)
        pair.a.play(.tone(hz: 440, seconds: 30), id: 1)
        #expect(await eventually { pair.caller.count >= 2 })
        pair.a.bridge(with: pair.b)
        let agentVoice = AudioClip.tone(hz: 1000, seconds: 0.1).samples
        let agentFrames = Set(stride(from: 0, to: 800, by: 160).map { Codec.pcmu.encode(agentVoice[$0..<$0 + 160]) })
        pair.agent.sendAudio(agentVoice, to: pair.b.localPort, ssrc: 1)
        #expect(await eventually { pair.caller.packets.filter { agentFrames.contains($0.payload) }.count == 5 })

        pair.a.unbridge()
        pair.agent.sendAudio(agentVoice, to: pair.b.localPort, ssrc: 1,
                             firstSequence: 2000, firstTimestamp: 200_000)
        #expect(await eventually { pair.b.stats.packetsReceived == 10 })
        // Ticks after the unbridge send nothing (the tone was dropped), so the count stays put.
        let count = pair.caller.count
        pair.a.play(.silence(seconds: 0.02), id: 2)
        #expect(await eventually { logA.contains(.playbackFinished(2)) })
        #expect(pair.caller.count == count + 1)
        #expect(logA.events == [.playbackFinished(2)])
    }
}
