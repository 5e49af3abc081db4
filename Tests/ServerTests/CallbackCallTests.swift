import Foundation
import Testing

/// A callback over SIP: a SIPp caller waits in a queue with no agent, presses 2 and is hung up on;
/// a baresip agent registers; the engine rings it (agent-first), then calls the caller's number
/// back through a trunk to a SIPp "customer" on 127.0.0.1 and bridges the two.
extension ServerSuite {
    @Suite(.serialized) struct CallbackCallTests {
        static let scenario = """
            #!/bin/sh
            case "$CALLGATE_EVENT" in
            call.start) echo '{"actions":[{"action":"answer"},{"action":"enqueue","queue":"support","callback":{"key":"2","confirm":"goodbye.wav"}}]}' ;;
            *) echo '{"actions":[]}' ;;
            esac
            """

        @Test func aCallerWhoPressesTheKeyIsCalledBackAndBridgedToTheFreedAgent() async throws {
            let customerPort = try Ports.free()
            let queue = "    join_empty: true\n    announce_position: false\n    announce_wait: false\n    wrap_up_seconds: 0\n"
                + "    callback_mode: agent_first\n    callback_caller_id: \"5550000\"\n"
            let engine = try EngineUnderTest(
                scenarios: ["cb.sh": Self.scenario], routes: "  - match: \"*\"\n    scenario: cb.sh", rtpTimeout: 30,
                agents: QueueCallTests.agents,
                extra: "queues:\n  - name: support\n\(queue)trunks:\n  - {name: carrier, address: 127.0.0.1:\(customerPort), allow: [\"555*\"]}")
            try await engine.waitUntilReady()
            let customerMedia = try RTPPeer()
            let customer = Task {
                try await SIPp.run("uas-customer.xml", engine: engine, localPort: customerPort,
                                   set: ["customer_rtp": "\(customerMedia.port)"], timeout: 40)
            }
            // No agent's phone is registered: the caller waits with music, presses 2, hears the confirmation, is hung up on.
            let callerMedia = try RTPPeer()
            let caller = try await SIPp.start("uac-ivr.xml", engine: engine, set: ["caller": "5551234", "rtp_port": "\(callerMedia.port)"])
            #expect(await eventually(within: 15) { callerMedia.knowsEngine }, "music on hold reaches the caller\n\(engine.log())")
            callerMedia.sendDigit("2")
            let callerRun = try await caller.value
            #expect(callerRun.allCallsSucceeded, "the engine hangs up after the confirmation\n\(callerRun.output)\n\(engine.log())")

            // The agent's phone comes up: offered the callback, answered (auto), then the customer is called back.
            let agent = try Baresip(engine: engine, user: "1001", password: "demo1001")
            defer { agent.stop() }
            try await agent.waitUntilRegistered(engine: engine)
            let customerRun = try await customer.value
            #expect(customerRun.allCallsSucceeded, "the customer was called, answered and hung up\n\(customerRun.output)\n\(engine.log())")
            #expect(customerMedia.received >= 25, "the agent's voice reached the customer (\(customerMedia.received) packets)")

            // The records and the report say so.
            let calls = try engine.calls()
            let asked = try #require(calls.first { $0["direction"] as? String == "inbound" })
            #expect(asked["disposition"] as? String == "callback_requested")
            let back = try #require(calls.first { $0["direction"] as? String == "outbound" }, "\(calls)")
            #expect(back["to"] as? String == "5551234" && back["from"] as? String == "5550000")
            #expect(await eventually(within: 10) { (try? engine.calls().first { $0["direction"] as? String == "outbound" }?["disposition"] as? String) == "completed" })
            let out = try EngineUnderTest.runCallgate(["report", "--config", engine.configPath, "--from", "-1h", "--json"])
            let report = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
            let support = try #require((report["queues"] as? [[String: Any]])?.first { $0["queue"] as? String == "support" }, "\(out)")
            #expect(support["callbacks_requested"] as? Int == 1 && support["callbacks_completed"] as? Int == 1, "\(out)")
            #expect(support["abandoned"] as? Int == 0, "a callback is not an abandoned call")
            try await engine.expectNoCallObjectsLeft()
        }
    }
}
