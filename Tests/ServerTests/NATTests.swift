import Foundation
import Testing

/// An operator at home behind a real NAT (``HomeNAT``): registers, is offered a queued caller,
/// and both hear each other.
extension ServerSuite {
    @Suite(.serialized, .enabled(if: HomeNAT.available, "NAT tests need root, ip and nft to make network namespaces"))
    struct NATTests {
        /// An engine on the NAT's far side and a registered operator at home. Off loopback the demo
        /// passwords are refused: this agent has its own (homeoffice-1001).
        func engineAndHomeOperator(_ nat: HomeNAT, scenario: String, queues: String = "[]", sip: String = "",
                                   extra: String = "") async throws -> (EngineUnderTest, Baresip) {
            let engine = try EngineUnderTest(
                scenarios: ["s.sh": scenario], routes: "  - match: \"*\"\n    scenario: s.sh", rtpTimeout: 30,
                agents: "  - extension: \"1001\"\n    name: Alice\n    password_hash: \"md5:d0cb84b8dbd8420c7f638a63dec958cf\"\n    queues: \(queues)",
                sip: sip, extra: extra, host: nat.engineAddress)
            try await engine.waitUntilReady()
            let agent = try Baresip(engine: engine, user: "1001", password: "homeoffice-1001", home: (nat.home, nat.phoneAddress))
            try await agent.waitUntilRegistered(engine: engine)
            return (engine, agent)
        }

        @Test func anOperatorBehindANATTakesAQueuedCallAndBothHearEachOther() async throws {
            let nat = try HomeNAT()
            defer { nat.remove() }
            let (engine, agent) = try await engineAndHomeOperator(
                nat, scenario: TestScenarios.queueWithRating, queues: "[support]", sip: "  nat_keepalive_seconds: 5\n",
                extra: "queues:\n  - name: support\n    announce_position: false\n    announce_wait: false\n    ring_timeout_seconds: 10")
            defer { agent.stop() }
            // The phone's Contact is its private address; the engine saw the router's.
            #expect(engine.log().contains("from \(nat.publicAddress):"), "\(engine.log())")
            #expect(engine.log().contains("behind NAT: reached at sip:\(nat.publicAddress):"), "\(engine.log())")

            let caller = try RTPPeer()
            let call = try await SIPp.start("uac-ivr.xml", engine: engine, set: ["caller": "5551234", "rtp_port": "\(caller.port)"])
            #expect(await eventually(within: 15) { caller.knowsEngine }, "\(engine.log())")
            // The operator's 600 Hz reaches the caller only if the engine latched to the NAT's address.
            let heard = await Conversation.bothHear(caller: caller, agent: agent)
            #expect(heard.callerHearsAgent, "the operator's voice reaches the caller\n\(engine.log().suffix(3000))\n\(agent.log())")
            #expect(heard.agentHearsCaller, "the caller's voice reaches the operator through the NAT")
            #expect(engine.log().contains("RTP latched"), "\(engine.log().suffix(3000))")

            // The operator hangs up: the BYE crosses the NAT; the caller rates them.
            let before = caller.received
            _ = try agent.hangup()
            #expect(await eventually(within: 15) { caller.received >= before + 25 }, "the rating prompt plays\n\(engine.log().suffix(3000))")
            caller.sendDigit("4")
            let run = try await call.value
            #expect(run.allCallsSucceeded, "\(run.output)\n\(engine.log().suffix(3000))")
            try await engine.expectNoCallObjectsLeft()
            caller.stop()

            // The phone vanishes (no unREGISTER): the keep-alives notice, and the agent leaves its queue.
            agent.vanish()
            #expect(await eventually(within: 20) { (try? await engine.health()["registered_agents"] as? Int) == 0 },
                    "a phone that stops answering is unregistered\n\(engine.log().suffix(2000))")
            #expect(engine.log().contains("stopped answering its keep-alives"))
            let agents = try await engine.api("GET", "/api/agents").json as? [String: Any]
            // Its queue state follows: no phone, so it is never offered a call (its status is kept apart).
            #expect((agents?["agents"] as? [[String: Any]])?.first?["registered"] as? Int == 0, "\(agents ?? [:])")
        }
    
        @Test func anOperatorBehindANATCallsInAndTheEnginesHangUpReachesThem() async throws {
            let nat = try HomeNAT()
            defer { nat.remove() }
            let echo = """
                #!/bin/sh
                case "$CALLGATE_EVENT" in
                  call.start) echo '{"actions":[{"action":"answer"},{"action":"echo","max_seconds":4},{"action":"hangup","reason":"echo-over"}]}' ;;
                  *) echo '{"actions":[]}' ;;
                esac
                """
            let (engine, agent) = try await engineAndHomeOperator(nat, scenario: echo)
            defer { agent.stop() }
            _ = try agent.command("dial", params: "sip:500@\(nat.engineAddress):\(engine.sipPort)")
            // The phone hears its own tone back: the engine latched to the NAT's address.
            #expect(await eventually(within: 15) { Baresip.toneShare(agent.receivedAudio().suffix(4000), frequency: 600) > 0.8 },
                    "the echo reaches the phone through the NAT\n\(engine.log().suffix(3000))\n\(agent.log())")
            // The scenario hangs up: the BYE must reach the phone through the NAT (its Contact is private).
            #expect(await eventually(within: 20) { (try? engine.calls().first?["hangup_reason"] as? String) == "echo-over" })
            #expect(await eventually(within: 10) { agent.log().contains("terminated") || agent.log().contains("closed") },
                    "the phone hears the BYE\n\(agent.log())")
            try await engine.expectNoCallObjectsLeft()
        }
    }
}
