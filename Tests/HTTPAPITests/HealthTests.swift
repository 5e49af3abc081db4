import Hummingbird
import HummingbirdTesting
import Logging
import Testing
@testable import HTTPAPI

@Suite struct HealthTests {
    @Test func healthNeedsNoToken() async throws {
        try await makeTestApplication().test(.router) { client in
            let response = try await client.execute(uri: "/health", method: .get)
            #expect(response.status == .ok)
            let json = try response.json
            #expect(json["status"] as? String == "ok")
            #expect(json["active_calls"] as? Int == 3)
            #expect(json["registered_agents"] as? Int == 2)
        }
    }

    @Test func versionNeedsNoToken() async throws {
        try await makeTestApplication().test(.router) { client in
            let response = try await client.execute(uri: "/version", method: .get)
            #expect(response.status == .ok)
            #expect(response.text == #"{"name":"callgate","version":"1.2.3"}"#)
        }
    }

    @Test func healthRefusesOtherMethods() async throws {
        try await makeTestApplication().test(.router) { client in
            let response = try await client.execute(uri: "/health", method: .post)
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers[.allow] == "GET")
        }
    }

    @Test func statusOnlyApplicationStillServesHealth() async throws {
        let app = HTTPAPI.application(host: "127.0.0.1", port: 0, version: "0.9", status: {
            EngineStatus(version: "0.9", activeCalls: 1, registeredAgents: 0, uptimeSeconds: 5)
        }, logger: Logger(label: "test"))
        // The public factory returns `some Service`; it must still be an application underneath.
        let application = try #require(app as? any ApplicationProtocol)
        try await application.test(.router) { client in
            let response = try await client.execute(uri: "/health", method: .get)
            #expect(try response.json["version"] as? String == "0.9")
        }
    }

    @Test func unknownPathIsJSON404() async throws {
        try await makeTestApplication().test(.router) { client in
            let response = try await client.execute(uri: "/nowhere", method: .get)
            #expect(response.status == .notFound)
            #expect(try response.json["error"] as? String == "not_found")
        }
    }
}
