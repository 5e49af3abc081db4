import SIP
import Testing

extension SIPpTests {
    /// Replay, guessing and enumeration, tried through the real stack with hand-written requests
    /// over UDP (127.0.0.2 and 127.0.0.3 stand for other machines: all of 127/8 is this one).
    @Suite struct AuthDefences {
        static let password = CallHarness.agentPassword

        /// REGISTER without credentials, then with the challenge's answer: the 200 and the
        /// Authorization that earned it.
        func register(_ client: SIPClient, user: String = "1001", password: String = password,
                      callID: String) async throws -> (SIPResponse, String) {
            let challenged = try #require(await client.exchange(client.request("REGISTER", user: user, callID: callID, cseq: 1)))
            #expect(challenged.status == 401)
            let challenge = try #require(challenged.header("WWW-Authenticate"))
            let authorization = try #require(SIPClient.authorization(challenge: challenge, user: user, password: password,
                                                                     method: "REGISTER", uri: client.serverURI))
            let answered = try #require(await client.exchange(
                client.request("REGISTER", user: user, callID: callID, cseq: 2, authorization: authorization)))
            return (answered, authorization)
        }

        func registrations(_ harness: CallHarness) async -> [Registration] {
            await harness.events.compactMap { if case .registered(let r) = $0 { r } else { nil } }
        }

        @Test func aReplayedRegisterAuthorizationIsRefused() async throws {
            let harness = try await CallHarness.start()
            let client = try SIPClient(serverPort: harness.port)
            let (answered, authorization) = try await register(client, callID: "replay-1")
            #expect(answered.status == 200)
            #expect(await harness.waitUntil(seconds: 10) { $0.count >= 1 })

            // The same credentials in a new transaction (as an eavesdropper would send them), here
            // trying to move the binding to the eavesdropper's address: refused with a fresh challenge.
            let replayed = try #require(await client.exchange(client.request(
                "REGISTER", user: "1001", callID: "replay-1", cseq: 3, authorization: authorization,
                contact: "<sip:1001@192.0.2.66:5060>")))
            #expect(replayed.status == 401)
            #expect(replayed.header("WWW-Authenticate")?.contains("stale=true") == true)
            let again = try #require(await client.exchange(client.request(
                "REGISTER", user: "1001", callID: "replay-2", cseq: 1, authorization: authorization)))
            #expect(again.status == 401)
            let bindings = await registrations(harness)
            #expect(bindings.count == 1)
            #expect(!bindings.contains { $0.contact.contains("192.0.2.66") })
            await harness.stop()
        }

        @Test func guessingBansTheGuesserButNotTheAgentElsewhere() async throws {
            let harness = try await CallHarness.start {
                $0.authLimits = AuthLimits(maxFailures: 3, failureWindowSeconds: 60, banSeconds: 300)
            }
            let guesser = try SIPClient(localIP: "127.0.0.2", serverPort: harness.port)
            for attempt in 1...3 {
                let (refused, _) = try await register(guesser, password: "guess\(attempt)", callID: "guess-\(attempt)")
                #expect(refused.status == 403)
            }
            // Banned: even the right password from there gets 403, without a challenge.
            let banned = try #require(await guesser.exchange(guesser.request("REGISTER", user: "1001", callID: "guess-4", cseq: 1)))
            #expect(banned.status == 403)
            #expect(banned.header("WWW-Authenticate") == nil)
            let bans = await harness.stack.authBans()
            #expect(bans.count == 1)
            #expect(bans.first?.source == "127.0.0.2")
            #expect(bans.first?.failures == 3)

            // The agent's phone, at another address, registers as usual.
            let agent = try SIPClient(localIP: "127.0.0.3", serverPort: harness.port)
            let (accepted, _) = try await register(agent, callID: "agent-1")
            #expect(accepted.status == 200)
            // The event follows the 200 OK: wait for it, bounded.
            #expect(await harness.waitUntil(seconds: 10) { events in
                events.contains { if case .registered(let r) = $0 { r.source.hasPrefix("127.0.0.3:") } else { false } }
            })
            #expect(await registrations(harness).count == 1)
            await harness.stop()
        }

        @Test func knownAndUnknownExtensionsGetTheSameAnswers() async throws {
            let harness = try await CallHarness.start()
            let client = try SIPClient(serverPort: harness.port)
            var answers: [String: [Int]] = [:]
            for user in ["1001", "9999"] {
                // REGISTER without credentials, then with a wrong password.
                let challenged = try #require(await client.exchange(client.request("REGISTER", user: user, callID: "enum-r-\(user)", cseq: 1)))
                let challenge = try #require(challenged.header("WWW-Authenticate"))
                let wrong = try #require(SIPClient.authorization(challenge: challenge, user: user, password: "guess",
                                                                 method: "REGISTER", uri: client.serverURI))
                let refused = try #require(await client.exchange(
                    client.request("REGISTER", user: user, callID: "enum-r-\(user)", cseq: 2, authorization: wrong)))
                // INVITE with a wrong password.
                let inviteURI = "sip:2000@127.0.0.1:\(harness.port)"
                let wrongInvite = try #require(SIPClient.authorization(challenge: challenge, user: user, password: "guess",
                                                                       method: "INVITE", uri: inviteURI))
                let invite = try #require(await client.exchange(
                    client.request("INVITE", uri: inviteURI, user: user, callID: "enum-i-\(user)", cseq: 1,
                                   authorization: wrongInvite)))
                answers[user] = [challenged.status, refused.status, invite.status]
            }
            #expect(answers["1001"] == [401, 403, 403])
            #expect(answers["9999"] == answers["1001"])
            #expect(await harness.incomingCalls.isEmpty)
            await harness.stop()
        }
    }
}
