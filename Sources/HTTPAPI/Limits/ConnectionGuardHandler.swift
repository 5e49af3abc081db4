import Logging
import NIOCore

/// The first handler of every HTTP connection, before any HTTP parsing: it turns away a
/// connection past `http.max_connections` with a bare 503, and closes one that sends nothing for
/// `idleTimeout` — also one that connected and never sent a request, or stopped mid-request,
/// which Hummingbird's own idle timer (started once a request head is parsed) does not see.
///
/// Time is the event loop's (`eventLoop.now`, `scheduleTask`), so an `EmbeddedEventLoop` drives it.
/// - warning: event-loop bound like every channel handler; not Sendable.
final class ConnectionGuardHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// What a refused connection reads before it is closed: the API's error body, in full.
    static let refusal = APIError(status: .serviceUnavailable, code: "too_many_connections",
                                  message: "the HTTP API has no free connection (http.max_connections); try again",
                                  headers: [.retryAfter: "1"]).rawResponse

    private let refusalLog: RefusalLogThrottle
    private let capacity: Int
    private let admitted: Bool
    private let idleTimeout: TimeAmount
    private let logger: Logger
    private var lastRead: NIODeadline?
    private var timer: Scheduled<Void>?
    private var started = false
    /// The guard has written the connection's only answer: what the HTTP handlers write after it is dropped.
    private var answered = false

    init(admitted: Bool, slots: ConnectionSlots, idleTimeout: TimeAmount, logger: Logger) {
        self.admitted = admitted
        self.refusalLog = slots.refusalLog
        self.capacity = slots.capacity
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

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard !answered else {
            promise?.succeed()
            return
        }
        context.write(data, promise: promise)
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
            if let refused = refusalLog.note(at: context.eventLoop.now) {
                logger.warning("HTTP connections refused: http.max_connections (\(capacity)) reached; \(refused) since the last report",
                               metadata: ["http.remote": "\(context.remoteAddress.map { "\($0)" } ?? "-")"])
            }
            answer(context, with: Self.refusal).whenComplete { _ in Self.endQuietly(context) }
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
            Self.endQuietly(context)
        } else {
            schedule(context, in: idleTimeout - silent)
        }
    }

    /// Writes `response` straight to the socket; whatever the HTTP handlers write afterwards is dropped.
    private func answer(_ context: ChannelHandlerContext, with response: String) -> EventLoopFuture<Void>.Isolated {
        answered = true
        return context.writeAndFlush(NIOAny(context.channel.allocator.buffer(string: response))).assumeIsolated()
    }

    /// Ends the connection as if the client had stopped sending: the HTTP upgrade handler, still
    /// waiting for a request, then closes it itself and ends quietly (closing it under that handler
    /// makes the WebSocket layer log an error for every such connection, a log flood for a
    /// scanner to trigger). Whatever is left open after that is closed.
    private static func endQuietly(_ context: ChannelHandlerContext) {
        context.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        context.close(promise: nil)
    }

    /// Writes `response` as raw bytes from the guard's place at the front of `channel`'s pipeline,
    /// ahead of any HTTP handler, and drops what the HTTP handlers write after it; returns once
    /// written. For a refusal decided after the request head was read (a WebSocket upgrade past its
    /// cap): the upgrade handler's own answer to the refused upgrade (an empty 400) goes nowhere,
    /// and its close ends the connection.
    static func refuse(_ channel: any Channel, with response: String) async {
        let written = channel.eventLoop.makePromise(of: Void.self)
        channel.eventLoop.execute {
            do {
                try answer(on: channel, with: response, completing: written)
            } catch {
                written.fail(error)   // no guard (a test without sockets): the upgrade handler's answer stands
            }
        }
        try? await written.futureResult.get()
    }

    /// `refuse` on the channel's event loop: throws when the channel has no guard.
    static func answer(on channel: any Channel, with response: String, completing written: EventLoopPromise<Void>?) throws {
        let handler = try channel.pipeline.syncOperations.handler(type: ConnectionGuardHandler.self)
        let context = try channel.pipeline.syncOperations.context(handlerType: ConnectionGuardHandler.self)
        handler.answer(context, with: response).whenComplete { _ in written?.succeed() }
    }
}
