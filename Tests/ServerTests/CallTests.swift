import Foundation
import Testing

/// Whole calls through `callgate serve`: SIPp dials, the test plays the caller's RTP, the call
/// trail in SQLite says what happened.
extension ServerSuite {
    @Suite(.serialized) struct CallTests {
        func engine(_ name: String, _ script: String, rtpTimeout: Int = 10) async throws -> EngineUnderTest {
            let engine = try EngineUnderTest(scenarios: [name: script], routes: "  - match: \"*\"\n    scenario: \(name)", rtpTimeout: rtpTimeout)
            try await engine.waitUntilReady()
            return engine
        }

        /// The newest call's record and trail.
        func lastCall(_ engine: EngineUnderTest) throws -> (call: [String: Any], trail: [[String: Any]]) {
            let id = try #require(try engine.calls().first?["id"] as? String)
            let detail = try engine.call(id)
            return (detail["call"] as? [String: Any] ?? [:], detail["trail"] as? [[String: Any]] ?? [])
        }

        func trailText(_ trail: [[String: Any]]) -> String {
            trail.compactMap { entry in (try? JSONSerialization.data(withJSONObject: entry["detail"] ?? [:])).map { String(decoding: $0, as: UTF8.self) } }
                .joined(separator: "\n")
        }

        @Test func rfc4733DigitPicksTheBranchAndThePromptReallyPlays() async throws {
            let engine = try await engine("ivr.sh", TestScenarios.ivr)
            let peer = try RTPPeer()
            let caller = try await SIPp.start("uac-ivr.xml", engine: engine, set: ["caller": "5551234", "rtp_port": "\(peer.port)"])
            // welcome.wav is 84 packets; anything after it is the gather's menu prompt: press 1 while it plays.
            #expect(await eventually(within: 15) { peer.received >= 110 }, "the prompts' RTP reaches the caller\n\(engine.log())")
            peer.sendDigit("1")
            let run = try await caller.value
            #expect(run.allCallsSucceeded, "\(run.output)\n\(engine.log())")
            let (call, trail) = try lastCall(engine)
            #expect(call["hangup_reason"] as? String == "picked-1")
            #expect(trailText(trail).contains(#""digits":"1""#))
            // welcome.wav (84 packets), part of hold.wav, all of goodbye.wav (135), and real sound, not silence.
            #expect(peer.received >= 110 + 135, "received \(peer.received) packets")
            #expect(trailText(trail).contains(#""kind":"dtmf""#))
            #expect(peer.audio.filter { $0 != 0xFF && $0 != 0x7F }.count > peer.audio.count / 4)
        }

        @Test func recordWritesTheCallersAudio() async throws {
            let engine = try await engine("record.sh", TestScenarios.record)
            let peer = try RTPPeer()
            let caller = try await SIPp.start("uac-ivr.xml", engine: engine, set: ["caller": "5551234", "rtp_port": "\(peer.port)"])
            #expect(await eventually(within: 15) { peer.knowsEngine }, "the beep tells the caller where the engine's media is")
            await peer.sendTone(seconds: 2)
            peer.sendDigit("#")
            let run = try await caller.value
            #expect(run.allCallsSucceeded, "\(run.output)\n\(engine.log())")
            let (call, _) = try lastCall(engine)
            #expect(call["hangup_reason"] as? String == "recorded-terminator")
            let file = try #require(call["recording_path"] as? String)
            let wav = try Data(contentsOf: engine.directory.appendingPathComponent("var").appendingPathComponent(file))
            let samples = stride(from: 44, to: wav.count - 1, by: 2).map { Int16(bitPattern: UInt16(wav[$0]) | UInt16(wav[$0 + 1]) << 8) }
            #expect(samples.count > 8000, "about 2 s of audio, got \(samples.count) samples")
            let loud = samples.filter { abs(Int($0)) > 2000 }.count
            #expect(loud > samples.count / 4, "the 440 Hz tone is in the file")
        }

        @Test func callerHangingUpMidPromptEndsTheCall() async throws {
            let engine = try await engine("long.sh", TestScenarios.longPrompt)
            let peer = try RTPPeer()
            let run = try await SIPp.run("uac-hangup.xml", engine: engine, set: ["caller": "5551234", "rtp_port": "\(peer.port)"])
            #expect(run.allCallsSucceeded, "\(run.output)")
            #expect(await eventually { (try? lastCall(engine).call["disposition"] as? String) == "caller_hangup" })
            // error.wav is 5.5 s: the caller left about 1.5 s into it, and no more audio followed.
            let call = try lastCall(engine).call
            #expect(peer.received >= 50 && peer.received < 200, "\(peer.received) packets")
            #expect(call["hangup_by"] as? String == "caller")
            #expect(await eventually { ((try? await engine.health()["active_calls"]) as? Int) == 0 })
        }

        @Test func callerWhoCancelsBeforeTheAnswerGets487() async throws {
            let engine = try await engine("slow.sh", TestScenarios.slow)
            let run = try await SIPp.run("uac-cancel.xml", engine: engine, set: ["caller": "5551234", "rtp_port": "40000"])
            #expect(run.allCallsSucceeded, "\(run.output)\n\(engine.log())")
            #expect(await eventually(within: 10) {
                guard let call = try? lastCall(engine).call else { return false }
                return call["disposition"] as? String == "caller_hangup" && call["answered_at"] == nil
            })
            try await engine.expectNoCallObjectsLeft()
        }

        @Test func fiftyCallsAtOnceAllComplete() async throws {
            let engine = try await engine("short.sh", TestScenarios.short)
            let peer = try RTPPeer()
            let run = try await SIPp.run("uac-ivr.xml", engine: engine, calls: 50, rate: 50, limit: 50,
                                         set: ["caller": "5551234", "rtp_port": "\(peer.port)"], timeout: 90)
            #expect(run.allCallsSucceeded, "\(run.output)\n\(engine.log().suffix(3000))")
            #expect(await eventually(within: 10) { ((try? engine.calls().filter { $0["disposition"] as? String == "completed" }.count) ?? 0) == 50 })
            try await engine.expectNoCallObjectsLeft()
        }

        @Test func lateOfferCallGetsOurOfferAndMediaFlows() async throws {
            let engine = try await engine("short.sh", TestScenarios.short)
            let peer = try RTPPeer()
            let run = try await SIPp.run("uac-late-offer.xml", engine: engine, set: ["rtp_port": "\(peer.port)"])
            #expect(run.allCallsSucceeded, "\(run.output)\n\(engine.log())")
            // welcome.wav reached the media port the caller gave in its ACK.
            #expect(peer.received >= 60, "\(peer.received) packets")
            #expect(try lastCall(engine).call["hangup_reason"] as? String == "done")
        }

        @Test func rtpTimeoutHangsUpAndIsRecorded() async throws {
            let engine = try await engine("hold.sh", TestScenarios.hold, rtpTimeout: 2)
            let peer = try RTPPeer()  // receives, never sends
            let run = try await SIPp.run("uac-ivr.xml", engine: engine, set: ["caller": "5551234", "rtp_port": "\(peer.port)"])
            #expect(run.allCallsSucceeded, "the engine's BYE ends the call\n\(run.output)")
            let (call, _) = try lastCall(engine)
            #expect(call["disposition"] as? String == "rtp_timeout")
            #expect(call["hangup_by"] as? String == "engine")
            try await engine.expectNoCallObjectsLeft()
        }
    }
}

/// Waits, with a bound, until a condition holds.
func eventually(within seconds: Double = 5, _ condition: () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return await condition()
}
