import Foundation
import Testing

/// Hold and resume from either side of a queue call, with real phones: the held party hears music
/// on hold, never silence and never the holder, and the bridge comes back on resume.
extension ServerSuite {
    @Suite(.serialized) struct HoldTests {
        /// 1001 takes the queue's calls; 1002 is in no queue and calls in (a caller on a softphone).
        static let agents = DemoAgents.alice + "\n" + DemoAgents.bob()

        func engine() async throws -> EngineUnderTest {
            let engine = try EngineUnderTest(scenarios: ["q.sh": TestScenarios.queueWithRating], routes: "  - match: \"*\"\n    scenario: q.sh",
                                             rtpTimeout: 30, agents: Self.agents,
                                             extra: "queues:\n  - name: support\n    record: true\n    announce_position: false\n    announce_wait: false")
            try await engine.waitUntilReady()
            return engine
        }

        /// Loud enough to be music, not silence (RMS of 16-bit samples).
        static func loudness(_ samples: [Int16]) -> Double {
            guard !samples.isEmpty else { return 0 }
            return (samples.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(samples.count)).squareRoot()
        }

        /// The trail notes (`hold`, `resume`) of the engine's only call, with who made them.
        func holdNotes(_ engine: EngineUnderTest) throws -> [String] {
            let id = try #require(try engine.calls().first?["id"] as? String)
            let trail = try engine.call(id)["trail"] as? [[String: Any]] ?? []
            return trail.compactMap { entry in
                guard let kind = entry["kind"] as? String, kind == "hold" || kind == "resume" else { return nil }
                let detail = entry["detail"] as? [String: Any] ?? [:]
                return "\(kind) by \(detail["by"] as? String ?? "?")" + (detail["recording_at"] == nil ? "" : " in recording")
            }
        }

        @Test func operatorHoldsCallerHearsMusicThenTheOperatorAgain() async throws {
            let engine = try await engine()
            let agent = try Baresip(engine: engine, user: "1001", password: "demo1001")
            defer { agent.stop() }
            try await agent.waitUntilRegistered(engine: engine)
            try await agent.waitUntilControllable()
            let caller = try RTPPeer()
            let call = try await SIPp.start("uac-ivr.xml", engine: engine, set: ["caller": "5551234", "rtp_port": "\(caller.port)"])
            #expect(await eventually(within: 15) { caller.knowsEngine }, "\(engine.log())")
            let heard = await Conversation.bothHear(caller: caller, agent: agent, within: 15)
            #expect(heard.callerHearsAgent && heard.agentHearsCaller, "\(agent.log())")

            _ = try agent.command("hold")
            let onHold = await eventually(within: 10) {
                let last = RTPPeer.decode(caller.audio.suffix(4000))
                return Baresip.toneShare(last, frequency: agent.toneFrequency) < 0.1 && Self.loudness(last) > 300
            }
            #expect(onHold, "the caller hears music on hold, not the operator and not silence\n\(engine.log())")

            _ = try agent.command("resume")
            #expect(await eventually(within: 10) {
                Baresip.toneShare(RTPPeer.decode(caller.audio.suffix(4000)), frequency: agent.toneFrequency) > 0.8
            }, "after resume the caller hears the operator again\n\(agent.log())")
            for _ in 0..<16 where agent.heardToneShare(440, lastSeconds: 1) < 0.8 { await caller.sendTone(seconds: 0.5) }
            #expect(agent.heardToneShare(440, lastSeconds: 1) > 0.8, "and the operator hears the caller")

            let before = caller.received
            _ = try agent.hangup()
            #expect(await eventually(within: 15) { caller.received >= before + 25 }, "the rating prompt plays")
            caller.sendDigit("5")
            let run = try await call.value
            #expect(run.allCallsSucceeded, "\(run.output)\n\(engine.log())")
            #expect(try holdNotes(engine) == ["hold by agent in recording", "resume by agent in recording"])
            try await engine.expectNoCallObjectsLeft()
        }

        @Test func callerHoldsOperatorHearsMusicThenTheCallerAgain() async throws {
            let engine = try await engine()
            let agent = try Baresip(engine: engine, user: "1001", password: "demo1001")
            defer { agent.stop() }
            let caller = try Baresip(engine: engine, user: "1002", password: "demo1002", toneFrequency: 440)
            defer { caller.stop() }
            try await agent.waitUntilRegistered(engine: engine)
            try await caller.waitUntilRegistered(engine: engine, count: 2)
            try await agent.waitUntilControllable()
            try await caller.waitUntilControllable()
            _ = try caller.command("dial", params: "sip:200@\(engine.host):\(engine.sipPort)")
            #expect(await eventually(within: 20) { agent.heardToneShare(440) > 0.8 && caller.heardToneShare(600) > 0.8 },
                    "caller and operator talk\n\(engine.log())")

            _ = try caller.command("hold")
            #expect(await eventually(within: 10) {
                let (samples, _) = agent.receivedAudioAnyRate()
                let last = Array(samples.suffix(8000))
                return Baresip.toneShare(last, frequency: 440) < 0.1 && Self.loudness(last) > 300
            }, "the operator hears music on hold, not the caller and not silence\n\(engine.log())")

            _ = try caller.command("resume")
            #expect(await eventually(within: 10) { agent.heardToneShare(440) > 0.8 }, "after resume the operator hears the caller again")
            #expect(await eventually(within: 10) { caller.heardToneShare(600) > 0.8 }, "and the caller hears the operator")

            _ = try caller.hangup()
            #expect(await eventually(within: 15) { (try? holdNotes(engine)) == ["hold by caller in recording", "resume by caller in recording"] },
                    "\((try? holdNotes(engine)) ?? [])")
            try await engine.expectNoCallObjectsLeft()
        }
    }
}
