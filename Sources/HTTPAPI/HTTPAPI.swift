import Hummingbird
import Logging
import ServiceLifecycle

/// The engine's HTTP API: `GET /health` and `GET /version` for now (operations: load balancers,
/// monitoring). One file per resource as it grows.
public enum HTTPAPI {
    /// Builds the HTTP service; run it in the engine's service group.
    public static func application(host: String, port: Int, version: String,
                                   status: @escaping @Sendable () async -> EngineStatus,
                                   logger: Logger) -> some Service {
        let router = Router()
        router.get("/health") { _, _ -> EngineStatus in
            await status()
        }
        router.get("/version") { _, _ -> [String: String] in
            ["name": "callgate", "version": version]
        }
        return Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "callgate"),
                           logger: logger)
    }
}

extension EngineStatus: ResponseEncodable {}
