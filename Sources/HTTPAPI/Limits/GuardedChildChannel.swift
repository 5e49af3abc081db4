import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore

/// The API's child channel (HTTP/1 with the WebSocket upgrade) behind a `ConnectionGuardHandler`:
/// every accepted connection takes a place in `connections` first, gives it back when it closes,
/// and is turned away with 503 when there is none.
struct GuardedChildChannel<Base: ServerChildChannel>: ServerChildChannel {
    typealias Value = Base.Value
    let base: Base
    let connections: ConnectionSlots
    let idleTimeout: TimeAmount

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let admitted = connections.tryTake()
        if admitted {
            let connections = self.connections
            channel.closeFuture.whenComplete { _ in connections.giveBack() }
        }
        do {
            let guardHandler = ConnectionGuardHandler(admitted: admitted, slots: connections, idleTimeout: idleTimeout,
                                                      logger: logger)
            try channel.pipeline.syncOperations.addHandler(guardHandler, position: .first)
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        return base.setup(channel: channel, logger: logger)
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1 with the WebSocket upgrade of `webSocketRouter`, every connection guarded by `limits`.
    static func guardedHTTP1WebSocketUpgrade<WSResponderBuilder: HTTPResponderBuilder & _HB_SendableMetatype>(
        webSocketRouter: WSResponderBuilder, limits: HTTPLimits, connections: ConnectionSlots
    ) -> HTTPServerBuilder where WSResponderBuilder.Responder.Context: WebSocketRequestContext {
        let webSocketResponder = webSocketRouter.buildResponder()
        let idle = TimeAmount(limits.idleTimeout)
        // Pings at half the idle period: a live client's pongs are traffic, so it is never idle.
        let configuration = HTTP1WebSocketUpgradeChannel.Configuration(
            http1: .init(idleTimeout: idle),
            ws: .init(autoPing: .enabled(timePeriod: limits.idleTimeout / 2)))
        return .init { responder in
            GuardedChildChannel(
                base: HTTP1WebSocketUpgradeChannel(responder: responder, webSocketResponder: webSocketResponder,
                                                   configuration: configuration),
                connections: connections, idleTimeout: idle)
        }
    }
}
