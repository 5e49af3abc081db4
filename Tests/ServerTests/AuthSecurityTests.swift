import Foundation
import Testing

/// The engine's registrar and login throttle seen from outside: contacts per agent, `Contact: *`,
/// and `GET /api/security` after failed logins.
extension ServerSuite {
    @Suite(.serialized) struct AuthSecurityTests {
        @Test func contactsAreBoundedAWildcardUnregistersAndGuessersAreListed() async throws {
            let engine = try EngineUnderTest(scenarios: ["ivr.sh": TestScenarios.ivr],
                                             routes: "  - match: \"*\"\n    scenario: ivr.sh",
                                             sip: "  max_contacts_per_agent: 3\n  auth:\n    max_failures: 2\n")
            defer { _ = engine.stop() }
            try await engine.waitUntilReady()
            func registered() async throws -> Bool? {
                let (_, json) = try await engine.api("GET", "/api/agents")
                let agents = (json as? [String: Any])?["agents"] as? [[String: Any]]
                return agents?.first { $0["extension"] as? String == "1001" }?["registered"] as? Bool
            }

            // Four phones: the fourth replaces the first. Contact: * with Expires 3600 is 400, with 0 removes all.
            let run = try await SIPp.run("register-contacts.xml", engine: engine, extra: ["-au", "1001", "-ap", "demo1001"])
            #expect(run.allCallsSucceeded, "\(run.output)\n\(engine.log())")
            // The registrar's answer reaches SIPp before the queue side has logged it: wait on it.
            #expect(await eventually { engine.log().contains("replaced (at most 3 contacts)") })
            #expect(await eventually { engine.log().contains("agent 1001 unregistered all 3 contacts") },
                    "\(engine.log())")
            #expect(await eventually { (try? await registered()) == false })

            // Two wrong passwords from 127.0.0.1: banned, listed, logged once.
            let (_, before) = try await engine.api("GET", "/api/security")
            #expect(((before as? [String: Any])?["bans"] as? [Any])?.isEmpty == true)
            let denied = try await SIPp.run("register-denied.xml", engine: engine, calls: 2, limit: 1,
                                            extra: ["-au", "1001", "-ap", "wrong"])
            #expect(denied.allCallsSucceeded, "\(denied.output)\n\(engine.log())")
            let (status, json) = try await engine.api("GET", "/api/security")
            #expect(status == 200)
            let bans = try #require((json as? [String: Any])?["bans"] as? [[String: Any]])
            #expect(bans.count == 1)
            #expect(bans.first?["source"] as? String == "127.0.0.1")
            #expect(bans.first?["extension"] is NSNull)
            #expect(bans.first?["failures"] as? Int == 2)
            let until = try #require((bans.first?["until"] as? NSNumber)?.doubleValue)
            let left = until - Date().timeIntervalSince1970
            #expect(left > 200 && left <= 300, "a ban of ban_seconds (300) started moments ago")
            #expect(engine.log().components(separatedBy: "SIP: banned 127.0.0.1").count - 1 == 1)
        }
    }
}
