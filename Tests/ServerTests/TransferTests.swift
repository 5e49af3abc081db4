import Foundation
import Testing

/// A transfer to a registered agent: the agent's phone rings, answers, audio is bridged both ways,
/// and when the agent hangs up the scenario gets `transfer.done`.
extension ServerSuite {
    @Suite(.serialized) struct TransferTests {
        @Test func transferToARegisteredAgentBridgesAudioBothWays() async throws {
            let engine = try EngineUnderTest(scenarios: ["t.sh": TestScenarios.transfer], routes: "  - match: \"*\"\n    scenario: t.sh")
            try await engine.waitUntilReady()
            let agentPort = try Ports.free()
            let agentMedia = try RTPPeer()
            let registered = try await SIPp.run("register-agent.xml", engine: engine, set: ["user": "1001", "contact_port": "\(agentPort)"],
                                                extra: ["-au", "1001", "-ap", "demo1001"])
            #expect(registered.allCallsSucceeded, "\(registered.output)")
            let agent = Task {
                try await SIPp.run("uas-agent.xml", engine: engine, localPort: agentPort,
                                   set: ["agent_rtp": "\(agentMedia.port)"], timeout: 30)
            }
            let callerMedia = try RTPPeer()
            let caller = try await SIPp.start("uac-ivr.xml", engine: engine, set: ["caller": "5551234", "rtp_port": "\(callerMedia.port)"])
            // Ringback reaches the caller while the agent rings (1.5 s) ...
            #expect(await eventually(within: 15) { callerMedia.knowsEngine }, "ringback reaches the caller\n\(engine.log())")
            let callerBefore = callerMedia.received
            // ... then, bridged, the caller's voice reaches the agent, and the agent's the caller.
            // The caller talks until the agent hears it (the bridge starts when the agent answers), at most 6 s.
            for _ in 0..<16 where agentMedia.received < 25 { await callerMedia.sendTone(seconds: 0.5) }
            #expect(await eventually { agentMedia.received >= 25 }, "the caller's voice reaches the agent (\(agentMedia.received))\n\(engine.log())")
            await agentMedia.sendTone(seconds: 1)
            #expect(await eventually { callerMedia.received - callerBefore >= 25 }, "the agent's voice reaches the caller")
            let agentRun = try await agent.value
            #expect(agentRun.allCallsSucceeded, "\(agentRun.output)")
            let callerRun = try await caller.value
            #expect(callerRun.allCallsSucceeded, "\(callerRun.output)")
            let id = try #require(try engine.calls().first?["id"] as? String)
            let call = try engine.call(id)["call"] as? [String: Any]
            #expect(call?["hangup_reason"] as? String == "transfer-ended")
            try await engine.expectNoCallObjectsLeft()
        }
    }
}
