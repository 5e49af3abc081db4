import Foundation
import Testing

/// Remote agents on wideband and low-bandwidth codecs: a queued SIPp caller on G.711 reaches a
/// baresip agent that offers only Opus, or only G.722; each hears the other's tone, and the queue's
/// stereo recording holds both, decoded to 8 kHz.
extension ServerSuite {
    @Suite(.serialized) struct WidebandCallTests {
        struct Phone: Sendable, CustomStringConvertible {
            var codecs: String       // baresip's account `audio_codecs`
            var module: String       // baresip's codec module
            var configured: String   // the agent's `codecs:` in callgate.yaml
            var description: String { codecs }
        }

        static let phones = [
            Phone(codecs: "opus/48000/2", module: "opus.so", configured: "[opus, pcmu]"),
            Phone(codecs: "G722/8000/1", module: "g722.so", configured: "[g722, pcmu]"),
        ]

        @Test(arguments: phones)
        func g711CallerTalksToAWidebandAgent(phone: Phone) async throws {
            let agents = """
                  - extension: "1001"
                    name: Alice
                    password_hash: "md5:9bf27cb60eaf5577521b9ee4a59bf9f2"
                    queues: [support]
                    codecs: \(phone.configured)
                """
            let engine = try EngineUnderTest(scenarios: ["q.sh": TestScenarios.queueWithRating], routes: "  - match: \"*\"\n    scenario: q.sh",
                                             rtpTimeout: 30, agents: agents,
                                             extra: "queues:\n  - name: support\n    record: true\n    wrap_up_seconds: 1\n    announce_position: false\n    announce_wait: false")
            try await engine.waitUntilReady()
            let agent = try Baresip(engine: engine, user: "1001", password: "demo1001", codecs: phone.codecs, modules: [phone.module])
            defer { agent.stop() }
            try await agent.waitUntilRegistered(engine: engine)
            try await agent.waitUntilControllable()
            let caller = try RTPPeer()
            let call = try await SIPp.start("uac-ivr.xml", engine: engine, set: ["caller": "5551234", "rtp_port": "\(caller.port)"])
            #expect(await eventually(within: 15) { caller.knowsEngine }, "\(engine.log())")
            // The agent's 600 Hz, sent in Opus or G.722, reaches the caller as PCMU.
            #expect(await eventually(within: 15) { Baresip.toneShare(RTPPeer.decode(caller.audio.suffix(4000)), frequency: 600) > 0.8 },
                    "the agent's voice reaches the caller\n\(agent.log())\n\(engine.log().suffix(3000))")
            // The caller's 440 Hz PCMU reaches the agent in its codec.
            for _ in 0..<16 where agent.heardToneShare(440) < 0.8 {
                await caller.sendTone(seconds: 0.5)
            }
            #expect(agent.heardToneShare(440) > 0.8, "the caller's voice reaches the agent\n\(agent.log())")
            #expect(agent.log().lowercased().contains(phone.codecs.split(separator: "/")[0].lowercased()), "\(agent.log())")
            let before = caller.received
            _ = try agent.hangup()
            #expect(await eventually(within: 15) { caller.received >= before + 25 }, "the rating prompt plays")
            caller.sendDigit("4")
            let run = try await call.value
            #expect(run.allCallsSucceeded, "\(run.output)\n\(engine.log())")

            // The recording: the caller's 440 Hz on the left, the agent's 600 Hz on the right, 8 kHz.
            let id = try #require(try engine.calls().first?["id"] as? String)
            let record = try engine.call(id)["call"] as? [String: Any] ?? [:]
            let recording = try #require(record["recording_path"] as? String)
            let wav = try Data(contentsOf: engine.directory.appendingPathComponent("var").appendingPathComponent(recording))
            #expect(wav[22] == 2, "two channels")
            #expect(Int(wav[24]) | Int(wav[25]) << 8 == 8000, "8 kHz")
            let frames = Baresip.samples(wav: wav)
            let left = stride(from: 0, to: frames.count - 1, by: 2).map { frames[$0] }
            let right = stride(from: 1, to: frames.count, by: 2).map { frames[$0] }
            // Each side's loudest quarter second holds its tone (the caller spoke only in bursts).
            let shape = "\(wav.count) bytes, \(frames.count) samples, header \(Array(wav.prefix(44)))"
            #expect(Self.loudestQuarter(left).map { Baresip.toneShare($0, frequency: 440) } ?? 0 > 0.7, "left: the caller; \(shape)")
            #expect(Self.loudestQuarter(right).map { Baresip.toneShare($0, frequency: 600) } ?? 0 > 0.7, "right: the agent; \(shape)")
            try await engine.expectNoCallObjectsLeft()
        }

        /// The quarter second of audio with the most energy, in eighth-second steps.
        static func loudestQuarter(_ samples: [Int16]) -> [Int16]? {
            guard samples.count >= 2000 else { return nil }
            return stride(from: 0, through: samples.count - 2000, by: 1000).map { Array(samples[$0..<$0 + 2000]) }
                .max { energy($0) < energy($1) }
        }

        static func energy(_ samples: [Int16]) -> Double { samples.reduce(0) { $0 + Double($1) * Double($1) } }
    }
}
