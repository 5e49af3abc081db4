import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The operations API of a running engine: agents follow their softphone's registration, a
/// supervisor pauses one, and a caller waiting in the queue shows up with its position.
extension ServerSuite {
    @Suite(.serialized) struct APITests {
        @Test func agentsFollowRegistrationAndCanBePausedOverTheAPI() async throws {
            let engine = try EngineUnderTest(scenarios: ["q.sh": TestScenarios.queueWithRating], routes: "  - match: \"*\"\n    scenario: q.sh",
                                             rtpTimeout: 30, agents: QueueCallTests.agents,
                                             extra: "queues:\n  - name: support\n    join_empty: true\n    announce_position: false\n    announce_wait: false")
            try await engine.waitUntilReady()
            // Without the token: 401.
            let (anonymous, _) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(engine.httpPort)/api/agents")!)
            #expect((try? JSONSerialization.jsonObject(with: anonymous) as? [String: Any])?["error"] != nil)

            func agent(_ ext: String) async throws -> [String: Any]? {
                let (_, json) = try await engine.api("GET", "/api/agents")
                return ((json as? [String: Any])?["agents"] as? [[String: Any]])?.first { $0["extension"] as? String == ext }
            }
            #expect(try await agent("1001")?["registered"] as? Bool == false)
            let phone = try Baresip(engine: engine, user: "1001", password: "demo1001")
            defer { phone.stop() }
            try await phone.waitUntilRegistered(engine: engine)
            #expect(await eventually { (try? await agent("1001")?["registered"] as? Bool) == true })
            #expect(try await agent("1001")?["status"] as? String == "available")

            // A supervisor pauses both agents: a caller then waits in the queue, visible over the API.
            #expect(try await engine.api("POST", "/api/agents/1001/pause", body: #"{"reason":"lunch"}"#).status == 204)
            #expect(try await engine.api("POST", "/api/agents/1002/pause", body: #"{"reason":"lunch"}"#).status == 204)
            #expect(try await agent("1001")?["status"] as? String == "paused")
            #expect(try await agent("1001")?["pause_reason"] as? String == "lunch")
            #expect(try await engine.api("POST", "/api/agents/9999/pause", body: #"{"reason":"x"}"#).status == 404)
            #expect(try await engine.api("POST", "/api/agents/1001/pause", body: #"{"reasn":"x"}"#).status == 400)

            let caller = try RTPPeer()
            let call = try await SIPp.start("uac-hangup.xml", engine: engine, set: ["caller": "5551234", "rtp_port": "\(caller.port)"])
            #expect(await eventually(within: 10) {
                guard let (_, json) = try? await engine.api("GET", "/api/queues/support"),
                      let waiting = (json as? [String: Any])?["waiting"] as? [[String: Any]] else { return false }
                return waiting.first?["caller_number"] as? String == "5551234" && waiting.first?["position"] as? Int == 1
            }, "the waiting caller is listed with its position")
            _ = try await call.value
            #expect(try await engine.api("POST", "/api/agents/1001/unpause").status == 204)
            #expect(try await agent("1001")?["status"] as? String == "available")
        }
    }
}

/// Feature codes dialed from a real softphone: baresip (agent 1001, digest-authenticated) dials
/// *93 to pause and *94 to come back; the API shows each change.
extension ServerSuite {
    @Suite(.serialized) struct FeatureCodeTests {
        @Test func agentPausesAndUnpausesFromTheSoftphone() async throws {
            let engine = try EngineUnderTest(scenarios: ["q.sh": TestScenarios.queueWithRating], routes: "  - match: \"*\"\n    scenario: q.sh",
                                             rtpTimeout: 30, agents: QueueCallTests.agents, extra: "queues:\n  - name: support")
            try await engine.waitUntilReady()
            let phone = try Baresip(engine: engine, user: "1001", password: "demo1001")
            defer { phone.stop() }
            try await phone.waitUntilRegistered(engine: engine)
            try await phone.waitUntilControllable()
            func status() async -> String? {
                guard let (_, json) = try? await engine.api("GET", "/api/agents/1001") else { return nil }
                return (json as? [String: Any])?["status"] as? String
            }
            #expect(await status() == "available")
            _ = try phone.command("dial", params: "sip:*93@127.0.0.1:\(engine.sipPort)")
            #expect(await eventually(within: 15) { await status() == "paused" }, "\(engine.log().suffix(3000))\n\(phone.log().suffix(2000))")
            // The engine answered, said what it did and hung up; then *94 makes the agent available again.
            #expect(await eventually(within: 15) { ((try? await engine.health()["active_calls"]) as? Int) == 0 })
            _ = try phone.command("dial", params: "sip:*94@127.0.0.1:\(engine.sipPort)")
            #expect(await eventually(within: 15) { await status() == "available" })
        }
    }
}
