import Logging
import NIOCore

/// The first handler of every HTTP connection, before any HTTP parsing: it turns away a
/// connection past `http.max_connections` with a bare 503, and closes one that sends nothing for
/// `idleTimeout` — also one that connected and never sent a request, or stopped mid-request,
/// which Hummingbird's own idle timer (started once a request head is parsed) does not see.
///
/// Time is the event loop's (`eventLoop.now`, `scheduleTask`), so an `EmbeddedEventLoop` drives it.
/// - warning: event-loop bound like every channel handler; not Sendable.
final class ConnectionGuardHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    /// What a refused connection reads before it is closed: the API's error body, in full.
    static let refusal = APIError(status: .serviceUnavailable, code: "too_many_connections",
                                  message: "the HTTP API has no free connection (http.max_connections); try again",
                                  headers: [.retryAfter: "1"]).rawResponse

    private let admitted: Bool
    private let idleTimeout: TimeAmount
    private let logger: Logger
    private var lastRead: NIODeadline?
    private var timer: Scheduled<Void>?
    private var started = false

    init(admitted: Bool, idleTimeout: TimeAmount, logger: Logger) {
        self.admitted = admitted
        self.idleTimeout = idleTimeout
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { start(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        start(context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard admitted else { return }   // a refused connection's request is never parsed
        lastRead = context.eventLoop.now
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }

    private func start(_ context: ChannelHandlerContext) {
        guard !started else { return }
        started = true
        guard admitted else {
            logger.warning("HTTP connection refused: http.max_connections reached",
                           metadata: ["http.remote": "\(context.remoteAddress.map { "\($0)" } ?? "-")"])
            let bytes = context.channel.allocator.buffer(string: Self.refusal)
            context.writeAndFlush(NIOAny(bytes)).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
            return
        }
        lastRead = context.eventLoop.now
        schedule(context, in: idleTimeout)
    }

    private func schedule(_ context: ChannelHandlerContext, in delay: TimeAmount) {
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: delay) { [self] in
            checkIdle(context)
        }
    }

    private func checkIdle(_ context: ChannelHandlerContext) {
        let silent = context.eventLoop.now - (lastRead ?? context.eventLoop.now)
        if silent >= idleTimeout {
            logger.debug("HTTP connection closed: idle for http.idle_timeout_seconds",
                         metadata: ["http.remote": "\(context.remoteAddress.map { "\($0)" } ?? "-")"])
            timer = nil
            context.close(promise: nil)
        } else {
            schedule(context, in: idleTimeout - silent)
        }
    }

    /// Writes `response` as raw bytes from the guard's place at the front of `channel`'s pipeline,
    /// ahead of any HTTP handler, then closes the channel; returns once written. For a refusal
    /// decided after the request head was read (a WebSocket upgrade past its cap).
    static func refuse(_ channel: any Channel, with response: String) async {
        let written = channel.eventLoop.makePromise(of: Void.self)
        channel.eventLoop.execute {
            do {
                let context = try channel.pipeline.syncOperations.context(handlerType: ConnectionGuardHandler.self)
                let bytes = channel.allocator.buffer(string: response)
                context.writeAndFlush(NIOAny(bytes)).assumeIsolated().whenComplete { _ in
                    context.close(promise: nil)
                    written.succeed()
                }
            } catch {
                written.fail(error)   // no guard (a test without sockets): the upgrade handler's answer stands
            }
        }
        try? await written.futureResult.get()
    }
}
