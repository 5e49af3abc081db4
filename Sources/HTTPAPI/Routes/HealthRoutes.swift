import Hummingbird

/// `GET /health` and `GET /version`: for load balancers and monitoring, so no token.
struct HealthRoutes: Sendable {
    let version: String
    let status: @Sendable () async -> EngineStatus

    func register(on router: some RouterMethods<APIContext>) {
        router.get("/health") { _, _ -> EngineStatus in
            await status()
        }
        router.get("/version") { _, _ -> [String: String] in
            ["name": "callgate", "version": version]
        }
        router.rejectOtherMethods("/health", allowed: [.get])
        router.rejectOtherMethods("/version", allowed: [.get])
    }
}

extension EngineStatus: ResponseEncodable {}
