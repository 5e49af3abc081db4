import SIP
import Testing

extension SIPpTests {
    /// `call(to:)` towards SIPp acting as an agent's phone or a trunk.
    @Suite struct OutboundCalls {
        let caller = SIPAddress(user: "5551234", host: "", displayName: "Jane Doe")
        let offer = SessionDescription.offer(address: "127.0.0.1", port: 41_000)

        /// Starts a SIPp UAS and waits until it listens.
        func agentPhone(_ scenario: String) async throws -> (sipp: SIPp, uri: String) {
            let port = FreePort.udp()
            let sipp = try SIPp.start(scenario: scenario, localPort: port)
            #expect(await SIPp.waitUntilListening(udpPort: port))
            return (sipp, "sip:1001@127.0.0.1:\(port)")
        }

        @Test func answeredCallThenOurHangupSendsBye() async throws {
            let harness = try await CallHarness.start(mode: .manual)
            let (sipp, uri) = try await agentPhone("uas")
            let leg = try await harness.stack.call(to: uri, from: caller, sdp: offer, headers: [:])
            #expect(await harness.waitUntil { $0.contains { if case .answered(leg, let sdp) = $0 { sdp?.contains("m=audio") == true } else { false } } })
            #expect(await harness.events.contains { if case .progress(leg, 180, _) = $0 { true } else { false } })
            #expect(await harness.stack.activeCalls == 1)
            await harness.stack.hangup(leg)
            expectSuccess((sipp, await sipp.wait()))   // SIPp's uas ends on our BYE
            #expect(await harness.waitUntilIdle())
            await harness.stop()
        }

        @Test func screenPopReachesThePhone() async throws {
            let harness = try await CallHarness.start(mode: .manual)
            let (sipp, uri) = try await agentPhone("uas_screenpop.xml")
            let leg = try await harness.stack.call(to: uri, from: caller, sdp: offer,
                                                   headers: ["X-Callgate-Queue": "sales", "X-Callgate-Call-Id": "42"])
            #expect(await harness.waitUntil { $0.contains { if case .answered(leg, _) = $0 { true } else { false } } })
            await harness.stack.hangup(leg)
            expectSuccess((sipp, await sipp.wait()))
            await harness.stop()
        }

        @Test func busyPhoneFailsWith486() async throws {
            let harness = try await CallHarness.start(mode: .manual)
            let (sipp, uri) = try await agentPhone("uas_busy.xml")
            let leg = try await harness.stack.call(to: uri, from: caller, sdp: offer, headers: [:])
            #expect(await harness.waitUntil { $0.contains { if case .failed(leg, 486, _) = $0 { true } else { false } } })
            expectSuccess((sipp, await sipp.wait()))
            #expect(await harness.waitUntilIdle())
            await harness.stop()
        }

        @Test func hangupWhileRingingCancels() async throws {
            let harness = try await CallHarness.start(mode: .manual)
            let (sipp, uri) = try await agentPhone("uas_ring_cancel.xml")
            let leg = try await harness.stack.call(to: uri, from: caller, sdp: offer, headers: [:])
            #expect(await harness.waitUntil { $0.contains { if case .progress(leg, 180, _) = $0 { true } else { false } } })
            await harness.stack.hangup(leg)
            #expect(await harness.waitUntil { $0.contains { if case .failed(leg, 487, _) = $0 { true } else { false } } })
            expectSuccess((sipp, await sipp.wait()))
            #expect(await harness.waitUntilIdle())
            await harness.stop()
        }

        @Test func badURIsAreRefused() async throws {
            let harness = try await CallHarness.start(mode: .manual)
            await #expect(throws: SIPError.invalidURI("tel:+15551234")) {
                try await harness.stack.call(to: "tel:+15551234", from: caller, sdp: offer, headers: [:])
            }
            await harness.stop()
            await #expect(throws: SIPError.notRunning) {
                try await harness.stack.call(to: "sip:1001@127.0.0.1", from: caller, sdp: offer, headers: [:])
            }
        }
    }
}
