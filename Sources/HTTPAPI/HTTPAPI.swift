import Hummingbird
import HummingbirdWebSocket
import Logging
import ServiceLifecycle

/// The engine's HTTP API: health and version for monitoring, and, behind the API token, the
/// integrators' and supervisors' API — queues, agents, agent actions, live calls and the live event stream
/// (docs/api.md). It sees the engine only through `OperationsBackend`.
public enum HTTPAPI {
    /// Events kept per WebSocket client before the oldest are dropped.
    public static let defaultEventBacklog = 1024

    /// Builds the HTTP service with the whole API; run it in the engine's service group.
    ///
    /// - Parameter token: the shared secret every `/api` request must present. Empty refuses them all.
    public static func application(host: String, port: Int, version: String, token: String,
                                   backend: some OperationsBackend, limits: HTTPLimits = HTTPLimits(),
                                   logger: Logger) -> some Service {
        makeApplication(address: .hostname(host, port: port), version: version, token: token, backend: backend,
                        limits: limits, logger: logger)
    }

    /// Builds the HTTP service with `GET /health` and `GET /version` only, for an engine that has no
    /// operations backend yet.
    public static func application(host: String, port: Int, version: String,
                                   status: @escaping @Sendable () async -> EngineStatus,
                                   logger: Logger) -> some Service {
        let router = Router(context: APIContext.self)
        router.add(middleware: JSONErrorMiddleware())
        HealthRoutes(version: version, status: status).register(on: router)
        return Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "callgate"),
                           logger: logger)
    }

    /// The application itself, for tests: any address, any backlog, the bound port reported.
    static func makeApplication(address: BindAddress, version: String, token: String, backend: some OperationsBackend,
                                eventBacklog: Int = defaultEventBacklog, limits: HTTPLimits = HTTPLimits(), logger: Logger,
                                onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        let token = APIToken(token)
        if token.isEmpty {
            logger.warning("http.token is not set: every /api request will be refused with 401")
        }
        let events = EventRoutes(backend: backend, token: token, backlogCapacity: eventBacklog,
                                 clients: ConnectionSlots(capacity: limits.maxWebSocketClients))

        let router = Router(context: APIContext.self)
        router.add(middleware: JSONErrorMiddleware())
        HealthRoutes(version: version, status: { await backend.status() }).register(on: router)
        events.register(http: router)
        let api = router.group("/api").add(middleware: BearerTokenMiddleware(token: token, acceptsQueryToken: false))
        QueueRoutes(backend: backend).register(on: api)
        AgentRoutes(backend: backend).register(on: api)
        SecurityRoutes(backend: backend).register(on: api)
        ConferenceRoutes(backend: backend).register(on: api)
        SupervisionRoutes(backend: backend).register(on: api)
        if let originate = backend as? any OriginateBackend { OriginateRoutes(backend: originate).register(on: api) }
        CallRoutes(backend: backend, originates: backend is any OriginateBackend).register(on: api)
        if let transfers = backend as? any CallTransferBackend { CallTransferRoutes(backend: transfers).register(on: api) }
        if let trunks = backend as? any TrunkBackend { TrunkRoutes(backend: trunks).register(on: api) }
        if let campaigns = backend as? any CampaignBackend { CampaignRoutes(backend: campaigns).register(on: api) }

        let webSocketRouter = Router(context: APIContext.self)
        events.register(webSocket: webSocketRouter)

        let connections = ConnectionSlots(capacity: limits.maxConnections)
        return Application(router: router,
                           server: .guardedHTTP1WebSocketUpgrade(webSocketRouter: webSocketRouter, limits: limits,
                                                                 connections: connections),
                           configuration: .init(address: address, serverName: "callgate"),
                           onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
                           logger: logger)
    }
}
