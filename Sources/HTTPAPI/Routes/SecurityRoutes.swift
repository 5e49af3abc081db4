import Hummingbird

/// `GET /api/security`: who is banned after failed SIP logins, until when.
struct SecurityRoutes: Sendable {
    let backend: any OperationsBackend

    func register(on api: some RouterMethods<APIContext>) {
        api.get("/security") { _, _ -> SecurityView in
            await backend.security()
        }
        api.rejectOtherMethods("/security", allowed: [.get])
    }
}

extension SecurityView: ResponseEncodable {}
