import Foundation
import Synchronization
import Testing

/// Transfers from the operator's phone (REFER, RFC 3515) and over the API, with real peers: a
/// SIPp caller with an RTPPeer's media reaches a baresip operator (600 Hz) through a queue; the
/// colleague is a second baresip (900 Hz) outside the queue.
extension ServerSuite {
    @Suite(.serialized) struct OperatorTransferTests {
        static let agents = """
              - extension: "1001"
                name: Alice
                password_hash: "md5:9bf27cb60eaf5577521b9ee4a59bf9f2"
                queues: [support]
              - extension: "1002"
                name: Bob
                password_hash: "md5:6d6ac65532c98927852c4b39c465a18d"
            """

        struct Rig {
            let engine: EngineUnderTest
            let alice: Baresip
            let bob: Baresip
            let caller: RTPPeer
            let call: Task<SIPp.Run, any Error>

            func stop() {
                alice.stop()
                bob.stop()
                engine.stop()
            }

            /// The share of `frequency` in the last half second the caller heard.
            func callerHears(_ frequency: Double) -> Double {
                Baresip.toneShare(RTPPeer.decode(caller.audio.suffix(4000)), frequency: frequency)
            }

            func callID() throws -> String {
                try #require(try engine.calls().first?["id"] as? String)
            }
        }

        /// The caller talks to Alice; Bob is registered and rings as `bobAnswers` says.
        func talkingToAlice(bobAnswers: String = "auto", sip: String = "") async throws -> Rig {
            let engine = try EngineUnderTest(scenarios: ["q.sh": TestScenarios.queueWithRating], routes: "  - match: \"*\"\n    scenario: q.sh",
                                             rtpTimeout: 30, agents: Self.agents, sip: sip,
                                             extra: "queues:\n  - name: support\n    wrap_up_seconds: 30\n    announce_position: false\n    announce_wait: false")
            try await engine.waitUntilReady()
            let alice = try Baresip(engine: engine, user: "1001", password: "demo1001", toneFrequency: 600)
            let bob = try Baresip(engine: engine, user: "1002", password: "demo1002", toneFrequency: 900, answerMode: bobAnswers)
            try await alice.waitUntilRegistered(engine: engine, count: 2)
            try await alice.waitUntilControllable()
            try await bob.waitUntilControllable()
            let caller = try RTPPeer()
            let call = try await SIPp.start("uac-ivr.xml", engine: engine, set: ["caller": "5551234", "rtp_port": "\(caller.port)"], timeout: 90)
            let rig = Rig(engine: engine, alice: alice, bob: bob, caller: caller, call: call)
            #expect(await eventually(within: 20) { rig.callerHears(600) > 0.8 }, "the caller talks to Alice\n\(engine.log().suffix(3000))")
            return rig
        }

        /// The `transfer` entries of a stored call's trail (`callgate calls ID --json`), their details.
        func transferTrail(_ stored: [String: Any]) -> [[String: Any]] {
            (stored["trail"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "transfer" }.compactMap { $0["detail"] as? [String: Any] }
        }

        /// Ends the call the way the rating scenario wants: once the caller is back with the scenario
        /// (the prompt asks for a rating), a key every half second until SIPp sees the engine's BYE.
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

        @Test func aBlindReferHandsTheCallerToTheColleagueAndEndsTheOperatorsCall() async throws {
            let rig = try await talkingToAlice()
            defer { rig.stop() }
            _ = try rig.alice.command("transfer", params: "1002")
            #expect(await eventually(within: 20) { rig.callerHears(900) > 0.8 }, "the caller hears Bob\n\(rig.engine.log().suffix(4000))")
            #expect(rig.callerHears(600) < 0.2, "and no longer Alice")
            // Alice's phone hangs up after NOTIFY 200 (or the engine ends its leg): she is in wrap-up.
            #expect(await eventually(within: 10) {
                let agent = try? await rig.engine.api("GET", "/api/agents/1001").json as? [String: Any]
                return agent?["status"] as? String == "wrap_up"
            }, "Alice's call is over for the queue")
            #expect(await eventually(within: 10) { rig.alice.log().contains("transfer") })
            // Bob hangs up: the caller goes back to the scenario, which asks for a rating.
            _ = try rig.bob.hangup()
            let run = try await finish(rig)
            #expect(run.allCallsSucceeded, "\(run.output)")
            let stored = try rig.engine.call(try rig.callID())
            let record = stored["call"] as? [String: Any] ?? [:]
            let vars = record["vars"] as? [String: Any] ?? [:]
            #expect(vars["transferred_by"] as? String == "1001", "\(record)")
            #expect(vars["transferred_to"] as? String == "1002")
            let trail = transferTrail(stored)
            #expect(trail.compactMap { $0["outcome"] as? String } == ["started", "completed"], "\(trail)")
            #expect(trail.first?["by"] as? String == "1001" && trail.first?["to"] as? String == "1002")
        }

        /// baresip 1.0 hangs up its call when a transfer fails (403 to its REFER, or a final NOTIFY
        /// with an error): the engine has changed nothing by then, and the caller goes back to the
        /// scenario as after any operator's hangup. That the call itself goes on is shown with the API.
        @Test func aReferOutsideTheTrunkRulesIs403AndNothingRings() async throws {
            let rig = try await talkingToAlice()
            defer { rig.stop() }
            _ = try rig.alice.command("transfer", params: "0900666777")
            #expect(await eventually(within: 10) { rig.engine.log().contains("REFER to 0900666777 refused") }, "\(rig.engine.log().suffix(3000))")
            #expect(await eventually(within: 10) { rig.alice.log().contains("transfer failed: 403 Forbidden") },
                    "Alice's phone hears 403\n\(rig.alice.log().suffix(2000))")
            #expect(!rig.bob.log().contains("Incoming call"), "nothing rang")
            let run = try await finish(rig)
            #expect(run.allCallsSucceeded, "\(run.output)")
            #expect(transferTrail(try rig.engine.call(try rig.callID())).isEmpty, "no transfer happened")
        }

        @Test func aBusyTargetIsReportedToTheOperatorsPhone() async throws {
            let rig = try await talkingToAlice(bobAnswers: "manual")
            defer { rig.stop() }
            _ = try rig.alice.command("transfer", params: "1002")
            #expect(await eventually(within: 10) { rig.bob.log().contains("Incoming call") }, "Bob's phone rings\n\(rig.bob.log().suffix(2000))")
            #expect(await eventually(within: 3) { rig.callerHears(600) < 0.2 }, "the caller hears ringback, not Alice, while Bob rings")
            _ = try rig.bob.hangup()   // 486
            #expect(await eventually(within: 10) { rig.alice.log().contains("transfer failed: 486") },
                    "the final NOTIFY carries Bob's 486\n\(rig.alice.log().suffix(2000))")
            let run = try await finish(rig)   // baresip 1.0 hangs up on a failed transfer
            #expect(run.allCallsSucceeded, "\(run.output)")
            #expect(transferTrail(try rig.engine.call(try rig.callID())).compactMap { $0["outcome"] as? String } == ["started", "busy"])
        }

        /// The same busy target over the API, where no phone hangs up on its own: the caller is
        /// back with the operator, and a refused target changes nothing either.
        @Test func aBusyTargetSendsTheCallerBackToTheOperator() async throws {
            let rig = try await talkingToAlice(bobAnswers: "manual")
            defer { rig.stop() }
            let id = try rig.callID()
            let outside = try await rig.engine.api("POST", "/api/calls/\(id)/transfer", body: #"{"to":"0900666777"}"#)
            #expect(outside.status == 403, "\(String(describing: outside.json))")
            try await Task.sleep(for: .seconds(1))
            #expect(rig.callerHears(600) > 0.8, "a refused transfer changes nothing: the caller still talks to Alice")
            let accepted = try await rig.engine.api("POST", "/api/calls/\(id)/transfer", body: #"{"to":"1002"}"#)
            #expect(accepted.status == 202, "\(String(describing: accepted.json))")
            #expect(await eventually(within: 10) { rig.bob.log().contains("Incoming call") }, "Bob's phone rings")
            #expect(await eventually(within: 3) { rig.callerHears(600) < 0.2 }, "ringback while Bob rings")
            _ = try rig.bob.hangup()   // 486
            #expect(await eventually(within: 10) { rig.callerHears(600) > 0.8 }, "the caller is back with Alice\n\(rig.engine.log().suffix(3000))")
            _ = try rig.alice.hangup()
            let run = try await finish(rig)
            #expect(run.allCallsSucceeded, "\(run.output)")
            #expect(transferTrail(try rig.engine.call(try rig.callID())).compactMap { $0["outcome"] as? String } == ["started", "busy"])
        }

        /// The consultation call before an attended transfer: an agent dials a colleague's extension
        /// and reaches that phone directly, whatever the routes say about the number.
        @Test func anAgentDialingAColleaguesExtensionReachesIt() async throws {
            let engine = try EngineUnderTest(scenarios: ["q.sh": TestScenarios.queueWithRating], routes: "  - match: \"*\"\n    scenario: q.sh",
                                             rtpTimeout: 30, agents: Self.agents, extra: "queues:\n  - name: support")
            defer { engine.stop() }
            try await engine.waitUntilReady()
            let alice = try Baresip(engine: engine, user: "1001", password: "demo1001", toneFrequency: 600)
            defer { alice.stop() }
            let bob = try Baresip(engine: engine, user: "1002", password: "demo1002", toneFrequency: 900)
            defer { bob.stop() }
            try await alice.waitUntilRegistered(engine: engine, count: 2)
            try await alice.waitUntilControllable()
            _ = try alice.command("dial", params: "sip:1002@127.0.0.1:\(engine.sipPort)")
            // Its Authorization is over 255 bytes: the shim's header copy used to cut it (the nc went
            // missing, and the INVITE was refused 403 "wrong credentials").
            #expect(await eventually(within: 15) { alice.heardToneShare(900) > 0.8 }, "Alice hears Bob\n\(engine.log().suffix(3000))\n\(alice.log().suffix(1000))")
            #expect(await eventually(within: 5) { bob.heardToneShare(600) > 0.8 }, "Bob hears Alice")
            _ = try alice.hangup()
            #expect(await eventually(within: 10) { (try? engine.calls().first?["hangup_by"] as? String) != nil }, "the call has its record")
            let record = try #require(try engine.calls().first)
            #expect(record["route"] as? String == "extension", "\(record)")
            try await engine.expectNoCallObjectsLeft()
        }

        @Test func theAPITransfersLikeTheOperatorsPhoneWithClearErrors() async throws {
            let rig = try await talkingToAlice()
            defer { rig.stop() }
            let id = try rig.callID()
            let bad = try await rig.engine.api("POST", "/api/calls/\(id)/transfer", body: #"{"target":"1002"}"#)
            #expect(bad.status == 400, "\(String(describing: bad.json))")
            let unknown = try await rig.engine.api("POST", "/api/calls/no-such-call/transfer", body: #"{"to":"1002"}"#)
            #expect(unknown.status == 404)
            let outside = try await rig.engine.api("POST", "/api/calls/\(id)/transfer", body: #"{"to":"0900666777"}"#)
            #expect(outside.status == 403, "\(String(describing: outside.json))")
            #expect(rig.callerHears(600) > 0.8, "a refused transfer changes nothing")
            let accepted = try await rig.engine.api("POST", "/api/calls/\(id)/transfer", body: #"{"to":"1002"}"#)
            #expect(accepted.status == 202, "\(String(describing: accepted.json))")
            #expect(await eventually(within: 20) { rig.callerHears(900) > 0.8 }, "the caller hears Bob")
            let again = try await rig.engine.api("POST", "/api/calls/\(id)/transfer", body: #"{"to":"1001"}"#)
            #expect(again.status == 409, "the caller talks to no queue operator any more")
            _ = try rig.bob.hangup()
            let run = try await finish(rig)
            #expect(run.allCallsSucceeded, "\(run.output)")
            let ended = try await rig.engine.api("POST", "/api/calls/\(id)/transfer", body: #"{"to":"1002"}"#)
            #expect(ended.status == 409, "an ended call")
        }
    }
}
