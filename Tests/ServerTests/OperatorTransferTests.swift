import Foundation
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

        /// Ends the call the way the rating scenario wants: the caller's key after the prompt.
        func finish(_ rig: Rig) async throws -> SIPp.Run {
            let before = rig.caller.received
            #expect(await eventually(within: 15) { rig.caller.received >= before + 25 }, "the rating prompt plays")
            rig.caller.sendDigit("4")
            return try await rig.call.value
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

        @Test func aReferOutsideTheTrunkRulesIs403AndTheCallGoesOn() async throws {
            let rig = try await talkingToAlice()
            defer { rig.stop() }
            _ = try rig.alice.command("transfer", params: "0900666777")
            #expect(await eventually(within: 10) { rig.engine.log().contains("REFER to 0900666777 refused") }, "\(rig.engine.log().suffix(3000))")
            #expect(await eventually(within: 10) { rig.alice.log().contains("403") }, "Alice's phone hears 403\n\(rig.alice.log().suffix(2000))")
            // Still Alice, a second later.
            try await Task.sleep(for: .seconds(1))
            #expect(rig.callerHears(600) > 0.8, "the caller still talks to Alice")
            _ = try rig.alice.hangup()
            let run = try await finish(rig)
            #expect(run.allCallsSucceeded, "\(run.output)")
        }

        @Test func aBusyTargetSendsTheCallerBackToTheOperator() async throws {
            let rig = try await talkingToAlice(bobAnswers: "manual")
            defer { rig.stop() }
            _ = try rig.alice.command("transfer", params: "1002")
            #expect(await eventually(within: 10) { rig.bob.log().contains("Incoming call") }, "Bob's phone rings\n\(rig.bob.log().suffix(2000))")
            #expect(rig.callerHears(600) < 0.2, "the caller hears ringback, not Alice, while Bob rings")
            _ = try rig.bob.hangup()   // 486 Busy Here
            #expect(await eventually(within: 10) { rig.callerHears(600) > 0.8 }, "the caller is back with Alice\n\(rig.engine.log().suffix(3000))")
            #expect(await eventually(within: 5) { rig.engine.log().contains("failed (486") })
            _ = try rig.alice.hangup()
            let run = try await finish(rig)
            #expect(run.allCallsSucceeded, "\(run.output)")
            let trail = transferTrail(try rig.engine.call(try rig.callID()))
            #expect(trail.compactMap { $0["outcome"] as? String } == ["started", "busy"], "\(trail)")
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
