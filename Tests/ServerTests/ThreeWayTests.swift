import Foundation
import Testing

/// An operator brings a colleague into a queue call over the API: the three hear each other; the
/// operator may drop out (caller and colleague talk on) or stay (the colleague leaves, the call
/// goes on as before). SIPp caller 440 Hz, baresip operator 600 Hz, baresip colleague 1000 Hz.
extension ServerSuite {
    @Suite(.serialized) struct ThreeWayTests {
        static let agents = """
              - extension: "1001"
                name: Alice
                password_hash: "md5:9bf27cb60eaf5577521b9ee4a59bf9f2"
                queues: [support]
              - extension: "1002"
                name: Bob
                password_hash: "md5:6d6ac65532c98927852c4b39c465a18d"
            """

        struct Call {
            let engine: EngineUnderTest
            let caller: RTPPeer
            let agent: Baresip
            let colleague: Baresip
            let sipp: Task<SIPp.Run, any Error>
            let talking: Task<Void, Never>
            let id: String

            func callerHears(_ frequency: Double) -> Double {
                Baresip.toneShare(RTPPeer.decode(caller.audio.suffix(8000)), frequency: frequency)
            }

            func stop() {
                talking.cancel()
                agent.stop()
                colleague.stop()
            }
        }

        func connectedCall() async throws -> Call {
            let engine = try EngineUnderTest(scenarios: ["q.sh": TestScenarios.queueWithRating], routes: "  - match: \"*\"\n    scenario: q.sh",
                                             rtpTimeout: 60, agents: Self.agents,
                                             extra: "queues:\n  - name: support\n    announce_position: false\n    announce_wait: false")
            try await engine.waitUntilReady()
            let agent = try Baresip(engine: engine, user: "1001", password: "demo1001", toneFrequency: 600)
            let colleague = try Baresip(engine: engine, user: "1002", password: "demo1002", toneFrequency: 1000)
            try await agent.waitUntilRegistered(engine: engine)
            try await colleague.waitUntilRegistered(engine: engine, count: 2)
            try await agent.waitUntilControllable()
            try await colleague.waitUntilControllable()
            let caller = try RTPPeer()
            let sipp = try await SIPp.start("uac-ivr.xml", engine: engine, set: ["caller": "5551234", "rtp_port": "\(caller.port)"], timeout: 120)
            #expect(await eventually(within: 15) { caller.knowsEngine }, "\(engine.log())")
            let heard = await Conversation.bothHear(caller: caller, agent: agent, within: 15)
            #expect(heard.callerHearsAgent && heard.agentHearsCaller, "\(engine.log())")
            let talking = Task { while !Task.isCancelled { await caller.sendTone(seconds: 0.5) } }
            let view = try await engine.api("GET", "/api/agents/1001")
            let id = try #require((view.json as? [String: Any])?["current_call_id"] as? String)
            return Call(engine: engine, caller: caller, agent: agent, colleague: colleague, sipp: sipp, talking: talking, id: id)
        }

        /// The three hear each other's tones, and nobody their own.
        func allThreeTalk(_ call: Call) async -> Bool {
            await eventually(within: 15) {
                call.callerHears(600) > 0.1 && call.callerHears(1000) > 0.1
                    && call.agent.heardToneShare(440) > 0.1 && call.agent.heardToneShare(1000) > 0.1
                    && call.colleague.heardToneShare(440) > 0.1 && call.colleague.heardToneShare(600) > 0.1
            }
        }

        @Test func theOperatorAddsAColleagueThenDropsOut() async throws {
            let call = try await connectedCall()
            defer { call.stop() }
            let engine = call.engine

            let unknown = try await engine.api("POST", "/api/calls/nope/participants", body: #"{"to":"1002"}"#)
            #expect(unknown.status == 404)
            let badTarget = try await engine.api("POST", "/api/calls/\(call.id)/participants", body: #"{"to":"10 02"}"#)
            #expect(badTarget.status == 400 && (badTarget.json as? [String: Any])?["field"] as? String == "to")
            let notRegistered = try await engine.api("POST", "/api/calls/\(call.id)/participants", body: #"{"to":"1003"}"#)
            #expect(notRegistered.status == 403, "\(String(describing: notRegistered.json))")
            #expect(await eventually(within: 5) { call.callerHears(600) > 0.5 }, "a refusal changes nothing")

            let added = try await engine.api("POST", "/api/calls/\(call.id)/participants", body: #"{"to":"1002"}"#)
            #expect(added.status == 202, "\(String(describing: added.json))")
            let again = try await engine.api("POST", "/api/calls/\(call.id)/participants", body: #"{"to":"1002"}"#)
            #expect(again.status == 409, "one third party at a time")
            #expect(await allThreeTalk(call), "caller, operator and colleague hear each other\n\(engine.log())")
            #expect(call.callerHears(440) < 0.05 && call.agent.heardToneShare(600) < 0.05 && call.colleague.heardToneShare(1000) < 0.05,
                    "nobody hears their own voice")

            // The operator drops out: caller and colleague talk on.
            _ = try call.agent.hangup()
            #expect(await eventually(within: 10) { call.callerHears(1000) > 0.5 && call.callerHears(600) < 0.05 },
                    "the caller talks on with the colleague\n\(engine.log())")
            #expect(await eventually(within: 10) { call.colleague.heardToneShare(440) > 0.5 })

            // The colleague hangs up: the caller is back with the scenario, which asks for a rating.
            call.talking.cancel()
            let before = call.caller.received
            _ = try call.colleague.hangup()
            #expect(await eventually(within: 15) { call.caller.received >= before + 25 }, "the rating prompt plays")
            call.caller.sendDigit("4")
            let run = try await call.sipp.value
            #expect(run.allCallsSucceeded, "\(run.output)")
            let record = try engine.call(call.id)
            let vars = (record["call"] as? [String: Any])?["vars"] as? [String: Any] ?? [:]
            #expect(vars["transferred_to"] as? String == "1002", "\(record)")
            try await engine.expectNoCallObjectsLeft()
        }

        @Test func theColleagueLeavesAndTheOperatorStays() async throws {
            let call = try await connectedCall()
            defer { call.stop() }
            let added = try await call.engine.api("POST", "/api/calls/\(call.id)/participants", body: #"{"to":"1002"}"#)
            #expect(added.status == 202)
            #expect(await allThreeTalk(call), "\(call.engine.log())")
            _ = try call.colleague.hangup()
            #expect(await eventually(within: 10) { call.callerHears(600) > 0.5 && call.callerHears(1000) < 0.05 },
                    "caller and operator talk on")
            #expect(await eventually(within: 10) { call.agent.heardToneShare(440) > 0.5 && call.agent.heardToneShare(1000) < 0.05 })

            call.talking.cancel()
            let before = call.caller.received
            _ = try call.agent.hangup()
            #expect(await eventually(within: 15) { call.caller.received >= before + 25 })
            call.caller.sendDigit("5")
            let run = try await call.sipp.value
            #expect(run.allCallsSucceeded, "\(run.output)")
            try await call.engine.expectNoCallObjectsLeft()
        }
    }
}
