import Hummingbird
import HummingbirdTesting
import Testing
@testable import HTTPAPI

/// `GET /api/security`: the SIP front's bans, behind the token like every /api route.
@Suite struct SecurityTests {
    @Test func listsTheBansInSnakeCaseWithNullForAWholeSource() async throws {
        let backend = InMemoryBackend()
        backend.ban([
            BanView(source: "198.51.100.66", extension: nil, until: 1796644200, failures: 5),
            BanView(source: "203.0.113.5", extension: "1001", until: 1796643960, failures: 1),
        ])
        try await makeTestApplication(backend: backend).test(.router) { client in
            let response = try await client.execute(uri: "/api/security", method: .get, headers: .authorized)
            #expect(response.status == .ok)
            #expect(response.text == """
                {"bans":[{"extension":null,"failures":5,"source":"198.51.100.66","until":1796644200},\
                {"extension":"1001","failures":1,"source":"203.0.113.5","until":1796643960}]}
                """)
        }
    }

    @Test func noBansIsAnEmptyList() async throws {
        try await makeTestApplication().test(.router) { client in
            let response = try await client.execute(uri: "/api/security", method: .get, headers: .authorized)
            #expect(response.status == .ok)
            #expect(response.text == #"{"bans":[]}"#)
        }
    }

    @Test func needsTheToken() async throws {
        try await makeTestApplication().test(.router) { client in
            let response = try await client.execute(uri: "/api/security", method: .get)
            #expect(response.status == .unauthorized)
            let post = try await client.execute(uri: "/api/security", method: .post, headers: .authorized)
            #expect(post.status == .methodNotAllowed)
        }
    }
}
