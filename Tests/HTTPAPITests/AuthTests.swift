import Hummingbird
import HummingbirdTesting
import Testing
@testable import HTTPAPI

@Suite struct AuthTests {
    @Test func missingTokenIs401WithJSONBody() async throws {
        try await makeTestApplication().test(.router) { client in
            let response = try await client.execute(uri: "/api/queues", method: .get)
            #expect(response.status == .unauthorized)
            #expect(response.headers[.wwwAuthenticate] == #"Bearer realm="callgate""#)
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            let json = try response.json
            #expect(json["error"] as? String == "unauthorized")
            #expect((json["message"] as? String)?.contains("Authorization: Bearer") == true)
        }
    }

    @Test(arguments: ["Bearer wrong", "Bearer \(testToken)x", "Bearer s3cret", "Basic \(testToken)", "Bearer", testToken])
    func wrongHeaderIs401(header: String) async throws {
        try await makeTestApplication().test(.router) { client in
            let response = try await client.execute(uri: "/api/agents", method: .get, headers: [.authorization: header])
            #expect(response.status == .unauthorized)
            #expect(try response.json["error"] as? String == "unauthorized")
        }
    }

    @Test func schemeIsCaseInsensitive() async throws {
        try await makeTestApplication().test(.router) { client in
            let response = try await client.execute(uri: "/api/agents", method: .get,
                                                    headers: [.authorization: "bearer \(testToken)"])
            #expect(response.status == .ok)
        }
    }

    @Test func everyAPIRouteNeedsTheToken() async throws {
        let routes: [(String, HTTPRequest.Method)] = [
            ("/api/queues", .get), ("/api/queues/sales", .get), ("/api/agents", .get), ("/api/agents/1001", .get),
            ("/api/agents/1001/login", .post), ("/api/agents/1001/logout", .post), ("/api/agents/1001/pause", .post),
            ("/api/agents/1001/unpause", .post), ("/api/events", .get),
        ]
        let backend = InMemoryBackend()
        try await makeTestApplication(backend: backend).test(.router) { client in
            for (uri, method) in routes {
                let response = try await client.execute(uri: uri, method: method, body: .json(#"{"reason":"lunch"}"#))
                #expect(response.status == .unauthorized, "\(method) \(uri)")
            }
        }
        #expect(backend.calls.isEmpty)
    }

    @Test func queryTokenIsOnlyForTheEventStream() async throws {
        try await makeTestApplication().test(.router) { client in
            let response = try await client.execute(uri: "/api/queues?token=\(testToken)", method: .get)
            #expect(response.status == .unauthorized)
        }
    }

    @Test func wrongQueryTokenOnEventsIs401() async throws {
        try await makeTestApplication().test(.router) { client in
            let response = try await client.execute(uri: "/api/events?token=nope", method: .get)
            #expect(response.status == .unauthorized)
            #expect(try response.json["error"] as? String == "unauthorized")
        }
    }

    @Test func emptyConfiguredTokenRefusesEverything() async throws {
        try await makeTestApplication(token: "").test(.router) { client in
            let response = try await client.execute(uri: "/api/queues", method: .get, headers: [.authorization: "Bearer "])
            #expect(response.status == .unauthorized)
            let health = try await client.execute(uri: "/health", method: .get)
            #expect(health.status == .ok)
        }
    }

    @Test func tokenComparison() {
        let token = APIToken("abc123")
        #expect(token.matches("abc123"))
        #expect(!token.matches("abc12"))
        #expect(!token.matches("abc1234"))
        #expect(!token.matches("abc124"))
        #expect(!token.matches(""))
        #expect(!APIToken("").matches(""))
        #expect(APIToken("é").matches("é"))
    }
}
