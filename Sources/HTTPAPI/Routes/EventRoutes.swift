import CallgateCore
import Hummingbird
import HummingbirdWebSocket

/// `GET /api/events`: a WebSocket carrying every `EngineEvent` as one JSON text frame.
struct EventRoutes: Sendable {
    let backend: any OperationsBackend
    let token: APIToken
    /// Events kept for a client that reads slower than the engine produces.
    let backlogCapacity: Int
    /// Places for clients at once (`http.max_websocket_clients`).
    let clients: ConnectionSlots

    /// The upgrade itself, on the router that decides WebSocket upgrades.
    func register(webSocket router: Router<APIContext>) {
        router.group("/api")
            .add(middleware: BearerTokenMiddleware(token: token, acceptsQueryToken: true))
            .add(middleware: ClientPlaceMiddleware(clients: clients))
            .ws("/events") { inbound, outbound, context in
                var logger = context.logger
                logger[metadataKey: "http.ws"] = "events"
                await EventStreamSession(events: backend.events(), backlogCapacity: backlogCapacity, logger: logger)
                    .run(inbound: inbound, outbound: outbound)
            }
    }

    /// The same path over plain HTTP: an upgrade refused for a bad token ends here (401), one
    /// refused because every client place is taken too (503), and a request without
    /// `Upgrade: websocket` learns it needs one (426).
    func register(http router: Router<APIContext>) {
        router.group("/api/events")
            .add(middleware: BearerTokenMiddleware(token: token, acceptsQueryToken: true))
            .get { [clients] request, _ -> Response in
                if request.headers[.upgrade]?.lowercased() == "websocket", clients.isFull {
                    throw APIError.tooManyClients(clients.capacity)
                }
                throw APIError(status: .upgradeRequired, code: "upgrade_required",
                               message: "GET /api/events is a WebSocket: connect with Upgrade: websocket",
                               headers: [.upgrade: "websocket"])
            }
            .rejectOtherMethods("", allowed: [.get])
    }
}
