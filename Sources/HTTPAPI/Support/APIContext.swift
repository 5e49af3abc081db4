import Foundation
import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// The request context of every API route, plain HTTP and WebSocket upgrade alike.
struct APIContext: RequestContext, WebSocketRequestContext {
    var coreContext: CoreRequestContextStorage
    let webSocket: WebSocketHandlerReference<APIContext>
    /// The request's connection: a place held for it (an event-stream client's) is given back when it closes.
    let channel: any Channel

    init(source: Source) {
        coreContext = .init(source: source)
        webSocket = .init()
        channel = source.channel
    }

    /// Agent action bodies are a few dozen bytes.
    var maxUploadSize: Int { 16 * 1024 }

    var responseEncoder: JSONEncoder { Self.encoder }

    /// Sorted keys, so the same value always gives the same bytes (and examples in the docs match).
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
