import Foundation
import Testing

/// An operator brings a colleague into a queue call over the API: the three hear each other; the
/// operator may drop out (caller and colleague talk on) or stay (the colleague leaves, the call
/// goes on as before). SIPp caller 440 Hz, baresip operator 600 Hz, baresip colleague 1000 Hz.
extension ServerSuite {
    @Suite(.serialized) struct ThreeWayTests {
        static let agents = DemoAgents.alice + "\n" + DemoAgents.bob()

        /// A caller talking to operator 1001; colleague 1002's phone (1000 Hz) registered.
        func connectedCall() async throws -> QueueConversation {
            try await QueueConversation.start(agents: Self.agents, other: ("1002", "demo1002", 1000))
        }

        /// The three hear each other's tones, and nobody their own.
        func allThreeTalk(_ call: QueueConversation) async -> Bool {
            await eventually(within: 15) {
                call.callerHears(600) > 0.1 && call.callerHears(1000) > 0.1
                    && call.agent.heardToneShare(440) > 0.1 && call.agent.heardToneShare(1000) > 0.1
                    && call.other.heardToneShare(440) > 0.1 && call.other.heardToneShare(600) > 0.1
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
            #expect(call.callerHears(440) < 0.05 && call.agent.heardToneShare(600) < 0.05 && call.other.heardToneShare(1000) < 0.05,
                    "nobody hears their own voice")

            // The operator drops out: caller and colleague talk on.
            _ = try call.agent.hangup()
            #expect(await eventually(within: 10) { call.callerHears(1000) > 0.5 && call.callerHears(600) < 0.05 },
                    "the caller talks on with the colleague\n\(engine.log())")
            #expect(await eventually(within: 10) { call.other.heardToneShare(440) > 0.5 })

            // The colleague hangs up: the caller is back with the scenario, which asks for a rating.
            try await call.finish(hangingUp: call.other)
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
            _ = try call.other.hangup()
            #expect(await eventually(within: 10) { call.callerHears(600) > 0.5 && call.callerHears(1000) < 0.05 },
                    "caller and operator talk on")
            #expect(await eventually(within: 10) { call.agent.heardToneShare(440) > 0.5 && call.agent.heardToneShare(1000) < 0.05 })

            try await call.finish(hangingUp: call.agent)
            try await call.engine.expectNoCallObjectsLeft()
        }
    }
}
