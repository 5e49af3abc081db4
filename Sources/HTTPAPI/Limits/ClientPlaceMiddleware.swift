import Hummingbird

/// Before an event-stream upgrade: takes one of the `http.max_websocket_clients` places for the
/// connection, given back when the connection closes whatever happens to it. None free: the
/// upgrade is refused with 503 written straight to the socket, and the same request without the
/// upgrade answers 503 too (`EventRoutes`).
struct ClientPlaceMiddleware: RouterMiddleware {
    typealias Context = APIContext
    let clients: ConnectionSlots

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        guard clients.tryTake() else {
            if let refused = clients.refusalLog.note(at: context.channel.eventLoop.now) {
                context.logger.warning("events clients refused: http.max_websocket_clients (\(clients.capacity)) reached; \(refused) since the last report")
            }
            // A refused upgrade would be answered with an empty 400 by the upgrade handler: answer
            // the 503 on the socket first, ahead of every HTTP handler, and close.
            await ConnectionGuardHandler.refuse(context.channel, with: APIError.tooManyClients(clients.capacity).rawResponse)
            throw APIError.tooManyClients(clients.capacity)
        }
        let clients = self.clients
        context.channel.closeFuture.whenComplete { _ in clients.giveBack() }
        return try await next(request, context)
    }
}
