import SIP
import Testing

extension SIPpTests {
    /// Agents (users in `credentials`) must prove who they are; everyone else may just call.
    @Suite struct Authentication {
        @Test func registerIsChallengedRefusedThenAccepted() async throws {
            let harness = try await CallHarness.start()
            let run = try await SIPp.run("register.xml", target: harness.target, service: "1001",
                                         extra: ["-au", "1001", "-ap", CallHarness.agentPassword])
            expectSuccess(run)
            let registrations = await harness.events.compactMap { if case .registered(let r) = $0 { r } else { nil } }
            try #require(registrations.count == 2)
            #expect(registrations[0].user == "1001")
            #expect(registrations[0].expires == 3600)   // asked 7200, clamped
            #expect(registrations[0].contact.hasPrefix("sip:1001@127.0.0.1:"))
            #expect(registrations[0].source.hasPrefix("127.0.0.1:"))
            #expect(registrations[0].userAgent == "SIPp registrar-test")
            #expect(registrations[1].expires == 0)
            #expect(registrations[1].contact == registrations[0].contact)
            #expect(run.sipp.messages.contains("SIP/2.0 403 Forbidden"))
            #expect(run.sipp.messages.contains(#"WWW-Authenticate: Digest realm="callgate""#))
            await harness.stop()
        }

        @Test func registerOfAnUnknownUserIsForbidden() async throws {
            let harness = try await CallHarness.start()
            let run = try await SIPp.run("register_unknown.xml", target: harness.target, service: "9999",
                                         extra: ["-au", "9999", "-ap", "anything"])
            expectSuccess(run)
            #expect(await harness.events.isEmpty)
            await harness.stop()
        }

        /// By hand rather than with SIPp: SIPp's `[authentication]` names `sip:host:port` as the digest
        /// `uri` of an INVITE to `sip:2000@host:port`, and the `uri` must be the Request-URI.
        @Test func agentInviteIsChallengedThenAuthenticated() async throws {
            let harness = try await CallHarness.start()
            let client = try SIPClient(serverPort: harness.port)
            let uri = "sip:2000@127.0.0.1:\(harness.port)"
            let sdp = SessionDescription.offer(address: "127.0.0.1", port: Int(FreePort.mediaPair()))
            let first = client.request("INVITE", uri: uri, user: "1001", callID: "agent-invite", cseq: 1, sdp: sdp)
            let challenged = try #require(await client.exchange(first))
            #expect(challenged.status == 401)
            let challenge = try #require(challenged.header("WWW-Authenticate"))
            let authorization = try #require(SIPClient.authorization(challenge: challenge, user: "1001", password: CallHarness.agentPassword,
                                                                     method: "INVITE", uri: uri))
            let second = client.request("INVITE", uri: uri, user: "1001", callID: "agent-invite", cseq: 2,
                                        authorization: authorization, sdp: sdp)
            let answered = try #require(await client.exchange(second))
            #expect(answered.status == 200)
            let calls = await harness.incomingCalls
            try #require(calls.count == 1)
            #expect(calls[0].authenticatedUser == "1001")
            #expect(calls[0].from.user == "1001")
            #expect(calls[0].requestUser == "2000")
            #expect(await client.hangUp(second, answered: answered)?.status == 200)
            #expect(await harness.waitUntil(Count.hungUp(1)))
            await harness.stop()
        }

        @Test func agentInviteWithWrongPasswordIsForbidden() async throws {
            let harness = try await CallHarness.start()
            let run = try await SIPp.run("invite_auth_wrong.xml", target: harness.target, service: "2000")
            expectSuccess(run)
            #expect(await harness.incomingCalls.isEmpty)
            #expect(await harness.waitUntilIdle())
            await harness.stop()
        }
    }

    /// `maxCalls` turns inbound INVITEs away with 503 + Retry-After before the engine sees them.
    @Suite struct Limits {
        @Test func callsBeyondMaxCallsGet503() async throws {
            let harness = try await CallHarness.start(mode: .ringOnly) { $0.maxCalls = 2 }
            // Two calls ring and stay up until we answer them...
            let held = try SIPp.start(scenario: "uac_call.xml", target: harness.target, calls: 2, rate: 10, limit: 2)
            #expect(await harness.waitUntil(Count.incoming(2)))
            // ...so two more, at the same time, are refused.
            let refused = try await SIPp.run("uac_expect_503.xml", target: harness.target, calls: 2, rate: 10, limit: 2)
            expectSuccess(refused)
            #expect(refused.sipp.messages.components(separatedBy: "SIP/2.0 503 Service Unavailable").count - 1 == 2)
            #expect(await harness.incomingCalls.count == 2)
            await harness.answerAll()
            expectSuccess((held, await held.wait()))
            #expect(await harness.waitUntil(Count.hungUp(2)))
            await harness.stop()
        }
    }
}
