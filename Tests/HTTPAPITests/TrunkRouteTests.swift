import Hummingbird
import HummingbirdTesting
import Testing
@testable import HTTPAPI

/// The test backend's trunks: one registered, one refused by its carrier.
extension InMemoryBackend: TrunkBackend {
    func trunkRegistrations() async -> [TrunkRegistrationView] {
        [TrunkRegistrationView(trunk: "carrier", state: "registered", status: 200, reason: "OK", expiresSeconds: 600, accepted: 3),
         TrunkRegistrationView(trunk: "other", state: "failed", status: 403, reason: "Forbidden", expiresSeconds: nil, accepted: 0)]
    }
}

/// `GET /api/trunks`: where each trunk's registration with its carrier stands, behind the token.
@Suite struct TrunkRouteTests {
    @Test func listsTheRegistrationsWithTheSameKeysEach() async throws {
        try await makeTestApplication().test(.router) { client in
            let response = try await client.execute(uri: "/api/trunks", method: .get, headers: .authorized)
            #expect(response.status == .ok)
            #expect(response.text == """
                {"registrations":[{"accepted":3,"expires_seconds":600,"reason":"OK","state":"registered","status":200,"trunk":"carrier"},\
                {"accepted":0,"expires_seconds":null,"reason":"Forbidden","state":"failed","status":403,"trunk":"other"}]}
                """)
        }
    }

    @Test func needsTheTokenAndOnlyGets() async throws {
        try await makeTestApplication().test(.router) { client in
            let anonymous = try await client.execute(uri: "/api/trunks", method: .get)
            #expect(anonymous.status == .unauthorized)
            let delete = try await client.execute(uri: "/api/trunks", method: .delete, headers: .authorized)
            #expect(delete.status == .methodNotAllowed)
        }
    }
}
