import SIP
import Testing

extension SIPpTests {
    /// An account at a carrier: SIPp plays the carrier on 127.0.0.1, challenging our INVITE and
    /// our REGISTER, checking the answers with `verifyauth` (account "acct", password "s3cret",
    /// realm "carrier.test").
    @Suite struct TrunkAccounts {
        let caller = SIPAddress(user: "5551234", host: "", displayName: "Jane Doe")
        let offer = SessionDescription.offer(address: "127.0.0.1", port: 41_000)

        static func account(port: UInt16, password: String = "s3cret", realm: String? = nil, register: Bool = false) -> TrunkAccount {
            var account = TrunkAccount(trunk: "carrier", host: "127.0.0.1", port: port, username: "acct", password: password)
            account.realm = realm
            account.register = register
            account.domain = register ? "carrier.test" : nil
            return account
        }

        /// A SIPp carrier listening on a free port.
        func carrier(_ scenario: String) async throws -> (sipp: SIPp, port: UInt16) {
            let port = FreePort.udp()
            let sipp = try SIPp.start(scenario: scenario, localPort: port)
            #expect(await SIPp.waitUntilListening(udpPort: port))
            return (sipp, port)
        }

        /// True once `condition` holds; polls every 50 ms for at most `seconds`.
        func eventually(seconds: Double = 15, _ condition: () async -> Bool) async -> Bool {
            let deadline = ContinuousClock.now + .seconds(seconds)
            while ContinuousClock.now < deadline {
                if await condition() { return true }
                try? await Task.sleep(for: .milliseconds(50))
            }
            return await condition()
        }

        @Test func aChallengedInviteIsAnsweredOnceAndTheCallGoesOn() async throws {
            let (sipp, port) = try await carrier("uas_trunk_auth.xml")
            let harness = try await CallHarness.start(mode: .manual) { $0.trunkAccounts = [Self.account(port: port)] }
            let leg = try await harness.stack.call(to: "sip:+15551234@127.0.0.1:\(port)", from: caller, sdp: offer, headers: [:])
            #expect(await harness.waitUntil { $0.contains { if case .answered(leg, _) = $0 { true } else { false } } })
            #expect(await !harness.events.contains { if case .failed = $0 { true } else { false } })
            await harness.stack.hangup(leg)
            expectSuccess((sipp, await sipp.wait()))   // verifyauth accepted the answer; the BYE came
            #expect(await harness.waitUntilIdle())
            await harness.stop()
        }

        @Test func refusedCredentialsFailTheLegWithTheSecondChallenge() async throws {
            let (sipp, port) = try await carrier("uas_trunk_auth_refused.xml")
            let harness = try await CallHarness.start(mode: .manual) { $0.trunkAccounts = [Self.account(port: port, password: "wrong")] }
            let leg = try await harness.stack.call(to: "sip:+15551234@127.0.0.1:\(port)", from: caller, sdp: offer, headers: [:])
            #expect(await harness.waitUntil { $0.contains { if case .failed(leg, 407, _) = $0 { true } else { false } } })
            expectSuccess((sipp, await sipp.wait()))   // two INVITEs, no third
            #expect(await harness.waitUntilIdle())
            await harness.stop()
        }

        @Test func aChallengeInAnotherRealmIsNotAnswered() async throws {
            let (sipp, port) = try await carrier("uas_trunk_challenge_once.xml")
            let harness = try await CallHarness.start(mode: .manual) {
                $0.trunkAccounts = [Self.account(port: port, realm: "elsewhere.test")]
            }
            let leg = try await harness.stack.call(to: "sip:+15551234@127.0.0.1:\(port)", from: caller, sdp: offer, headers: [:])
            #expect(await harness.waitUntil { $0.contains { if case .failed(leg, 407, _) = $0 { true } else { false } } })
            expectSuccess((sipp, await sipp.wait()))
            await harness.stop()
        }

        @Test func registrationIsChallengedRefreshedAndUndoneAtShutdown() async throws {
            let (sipp, port) = try await carrier("uas_trunk_register.xml")
            let harness = try await CallHarness.start(mode: .manual) { $0.trunkAccounts = [Self.account(port: port, register: true)] }
            // Accepted for 4 s only: Sofia refreshes it within seconds, so two are accepted.
            let refreshed = await eventually {
                let status = await harness.stack.trunkRegistrations().first
                return status?.state == .registered && (status?.accepted ?? 0) >= 2
            }
            #expect(refreshed)
            let status = await harness.stack.trunkRegistrations()
            #expect(status.map(\.trunk) == ["carrier"])
            #expect(status.first?.status == 200)
            await harness.stop()   // the un-REGISTER, answered before nua stops
            expectSuccess((sipp, await sipp.wait()))
        }

        @Test func accountsMatchTheirCarrierByHostAndPort() {
            let account = Self.account(port: 5080)
            #expect(account.isCarrier(of: "sip:+1555@127.0.0.1:5080"))
            #expect(account.isCarrier(of: "sip:+1555@127.0.0.1:5080;transport=tls"))
            #expect(!account.isCarrier(of: "sip:+1555@127.0.0.1:5081"))
            #expect(!account.isCarrier(of: "sip:+1555@127.0.0.1"))
            #expect(!account.isCarrier(of: "tel:+1555"))
            let standard = TrunkAccount(trunk: "c", host: "Carrier.Example", port: 5060, username: "u", password: "p")
            #expect(standard.isCarrier(of: "sip:1@carrier.example"))
            let v6 = TrunkAccount(trunk: "c", host: "::1", port: 5070, username: "u", password: "p")
            #expect(v6.isCarrier(of: "sip:1@[::1]:5070"))
        }
    }
}
