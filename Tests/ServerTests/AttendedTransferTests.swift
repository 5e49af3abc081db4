import Foundation
import Synchronization
import Testing

/// Attended transfer (RFC 5589 §7) with real peers: a SIPp caller (an RTPPeer speaking 440 Hz)
/// reaches operator 1001 through a queue. baresip 1.0 cannot send REFER with Replaces, so the
/// operator is a raw-SIP phone (``RawOperator``, 600 Hz): it holds the caller, calls colleague
/// 1002 (a baresip, 1000 Hz) through the engine, and REFERs the queue call with Replaces naming
/// that consultation call.
extension ServerSuite {
    @Suite(.serialized) struct AttendedTransferTests {
        struct Rig {
            let engine: EngineUnderTest
            let alice: RawOperator
            let bob: Baresip
            let caller: RTPPeer
            let call: Task<SIPp.Run, any Error>
            let tones: [Task<Void, Never>]

            func stop() {
                for tone in tones { tone.cancel() }
                alice.stop()
                caller.stop()
                bob.stop()
                engine.stop()
            }

            /// The share of `frequency` in the last half second the caller heard.
            func callerHears(_ frequency: Double) -> Double {
                Baresip.toneShare(RTPPeer.decode(caller.audio.suffix(4000)), frequency: frequency)
            }

            /// What the operator heard on the queue call in the last half second.
            func aliceHears(_ frequency: Double) -> Double {
                Baresip.toneShare(RTPPeer.decode(alice.queueMedia.audio.suffix(4000)), frequency: frequency)
            }

            func callID() throws -> String {
                try #require(try engine.calls().first { $0["route"] as? String != "extension" }?["id"] as? String)
            }
        }

        /// The caller talks to Alice (the raw operator); Bob is registered.
        func talkingToAlice(agents: String = OperatorTransferTests.agents) async throws -> Rig {
            let engine = try EngineUnderTest(scenarios: ["q.sh": TestScenarios.queueWithRating], routes: "  - match: \"*\"\n    scenario: q.sh",
                                             rtpTimeout: 30, agents: agents,
                                             extra: "queues:\n  - name: support\n    wrap_up_seconds: 30\n    announce_position: false\n    announce_wait: false")
            try await engine.waitUntilReady()
            let alice = try RawOperator(enginePort: engine.sipPort)
            let bob = try Baresip(engine: engine, user: "1002", password: "demo1002", toneFrequency: 1000)
            #expect(alice.register(), "the raw operator registers\n\(engine.log().suffix(2000))")
            try await bob.waitUntilRegistered(engine: engine, count: 2)
            try await bob.waitUntilControllable()
            let caller = try RTPPeer()
            let call = try await SIPp.start("uac-ivr.xml", engine: engine, set: ["caller": "5551234", "rtp_port": "\(caller.port)"], timeout: 120)
            let tones = [
                Task { await caller.sendTone(seconds: 100, frequency: 440) },
                Task { await alice.queueMedia.sendTone(seconds: 100, frequency: 600) },
                Task { await alice.consultationMedia.sendTone(seconds: 100, frequency: 600) },
            ]
            let rig = Rig(engine: engine, alice: alice, bob: bob, caller: caller, call: call, tones: tones)
            #expect(await eventually(within: 20) { rig.callerHears(600) > 0.8 }, "the caller talks to Alice\n\(engine.log().suffix(3000))")
            return rig
        }

        /// As in OperatorTransferTests: keys until the rating scenario hangs up.
        func finish(_ rig: Rig) async throws -> SIPp.Run {
            let done = Mutex(false)
            let waiter = Task {
                let run = try await rig.call.value
                done.withLock { $0 = true }
                return run
            }
            var lastKey = ContinuousClock.now
            _ = await eventually(within: 40) {
                if done.withLock({ $0 }) { return true }
                if lastKey.duration(to: .now) > .milliseconds(500) {
                    rig.caller.sendDigit("4")
                    lastKey = .now
                }
                return false
            }
            return try await waiter.value
        }

        @Test func theCallerEndsUpWithTheColleagueTheOperatorConsulted() async throws {
            let rig = try await talkingToAlice()
            defer { rig.stop() }
            let queueCall = try #require(rig.alice.queueCall)
            #expect(rig.alice.hold(true), "Alice holds the caller")
            #expect(await eventually(within: 5) { rig.callerHears(600) < 0.2 }, "the caller hears music on hold, not Alice")
            let consultation = try #require(rig.alice.call("1002"), "Alice's consultation call is answered\n\(rig.engine.log().suffix(3000))")
            #expect(await eventually(within: 10) { rig.bob.heardToneShare(600) > 0.8 }, "Bob hears Alice in the consultation")

            #expect(rig.alice.referReplacing(consultation, to: "1002") == 202, "\(rig.engine.log().suffix(3000))")
            #expect(await eventually(within: 10) { rig.callerHears(1000) > 0.8 }, "the caller hears Bob\n\(rig.engine.log().suffix(4000))")
            #expect(rig.callerHears(600) < 0.2, "and no longer Alice (nor music on hold)")
            #expect(await eventually(within: 5) { rig.bob.heardToneShare(440) > 0.8 }, "Bob hears the caller")
            #expect(await eventually(within: 5) { rig.alice.notifications(in: queueCall.callID).last?.hasPrefix("SIP/2.0 200") == true },
                    "the final NOTIFY says 200: \(rig.alice.notifications(in: queueCall.callID))")
            #expect(rig.alice.notifications(in: queueCall.callID).first?.hasPrefix("SIP/2.0 100") == true)
            // The engine ends the replaced consultation dialog itself; Alice ends the queue call.
            #expect(await eventually(within: 5) { rig.alice.receivedBye(in: consultation.callID) }, "the engine BYEs the consultation call")
            #expect(rig.alice.bye(queueCall), "Alice's BYE on the queue call is answered")
            #expect(await eventually(within: 10) {
                let agent = try? await rig.engine.api("GET", "/api/agents/1001").json as? [String: Any]
                return agent?["status"] as? String == "wrap_up"
            }, "Alice's queue conversation is over")
            #expect(await eventually(within: 10) {
                (try? rig.engine.calls().first { $0["route"] as? String == "extension" }?["hangup_by"] as? String) != nil
            }, "the consultation call has ended and has its record")
            let consultationRecord = try rig.engine.calls().first { $0["route"] as? String == "extension" }
            #expect(consultationRecord?["hangup_by"] as? String == "transfer", "\(String(describing: consultationRecord))")
            #expect(await eventually(within: 3) { rig.callerHears(1000) > 0.8 }, "the caller still talks to Bob with Alice gone")

            // Bob hangs up: the caller goes back to the scenario, as after a blind transfer.
            _ = try rig.bob.hangup()
            let run = try await finish(rig)
            #expect(run.allCallsSucceeded, "\(run.output)")
            let stored = try rig.engine.call(try rig.callID())
            let record = stored["call"] as? [String: Any] ?? [:]
            let vars = record["vars"] as? [String: Any] ?? [:]
            #expect(vars["transferred_by"] as? String == "1001", "\(record)")
            #expect(vars["transferred_to"] as? String == "1002")
            #expect(vars["transfer_type"] as? String == "attended")
            let trail = (stored["trail"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "transfer" }.compactMap { $0["detail"] as? [String: Any] }
            #expect(trail.compactMap { $0["outcome"] as? String } == ["attended"], "\(trail)")
            try await rig.engine.expectNoCallObjectsLeft()
        }

        /// A Replaces naming no call up (a colleague who already hung up, a phone's stale dialog):
        /// 481, and the caller stays with the operator, on hold until the phone resumes.
        @Test func aReplacesNamingNoCallKeepsTheCallerWithTheOperator() async throws {
            let rig = try await talkingToAlice()
            defer { rig.stop() }
            let queueCall = try #require(rig.alice.queueCall)
            #expect(rig.alice.hold(true))
            let consultation = try #require(rig.alice.call("1002"), "\(rig.engine.log().suffix(3000))")
            // Bob hangs up the consultation before Alice transfers.
            _ = try rig.bob.hangup()
            #expect(await eventually(within: 10) { rig.alice.receivedBye(in: consultation.callID) }, "the consultation call ends")
            #expect(rig.alice.referReplacing(consultation, to: "1002") == 481, "\(rig.engine.log().suffix(3000))")
            var stale = consultation
            stale.callID = "no-such-call@127.0.0.1"
            #expect(rig.alice.referReplacing(stale, to: "1002") == 481)
            #expect(rig.alice.hold(false), "Alice resumes")
            #expect(await eventually(within: 10) { rig.callerHears(600) > 0.8 }, "the caller talks to Alice again\n\(rig.engine.log().suffix(3000))")
            #expect(await eventually(within: 5) { rig.aliceHears(440) > 0.8 }, "and Alice hears the caller")
            #expect(rig.alice.bye(queueCall))
            let run = try await finish(rig)
            #expect(run.allCallsSucceeded, "\(run.output)")
            let stored = try rig.engine.call(try rig.callID())
            #expect((stored["trail"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "transfer" }.isEmpty, "no transfer happened")
        }

        /// A Replaces naming a consultation call up that another agent placed: 403, and the caller
        /// stays with the operator.
        @Test func aReplacesNamingAnotherAgentsCallIsRefused() async throws {
            let carolHash = "md5:" + RawOperator.md5("1003:callgate:demo1003")
            let rig = try await talkingToAlice(agents: OperatorTransferTests.agents
                + "\n  - extension: \"1003\"\n    name: Carol\n    password_hash: \"\(carolHash)\"")
            defer { rig.stop() }
            let queueCall = try #require(rig.alice.queueCall)
            let carol = try RawOperator(enginePort: rig.engine.sipPort, user: "1003", password: "demo1003")
            defer { carol.stop() }
            #expect(carol.register(), "Carol registers\n\(rig.engine.log().suffix(2000))")
            let carolsCall = try #require(carol.call("1002"), "Carol's call to Bob is answered\n\(rig.engine.log().suffix(3000))")
            #expect(rig.alice.hold(true))
            #expect(rig.alice.referReplacing(carolsCall, to: "1002") == 403, "\(rig.engine.log().suffix(3000))")
            #expect(rig.alice.hold(false))
            #expect(await eventually(within: 10) { rig.callerHears(600) > 0.8 }, "the caller still talks to Alice\n\(rig.engine.log().suffix(3000))")
            #expect(rig.alice.notifications(in: queueCall.callID).isEmpty, "no NOTIFY for a refused REFER")
            #expect(carol.bye(carolsCall), "Carol's call with Bob was left alone")
            #expect(rig.alice.bye(queueCall))
            let run = try await finish(rig)
            #expect(run.allCallsSucceeded, "\(run.output)")
            let stored = try rig.engine.call(try rig.callID())
            #expect((stored["trail"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "transfer" }.isEmpty, "no transfer happened")
        }
    }
}
