import Foundation
import Hummingbird
import HummingbirdWebSocket

/// The request context of every API route, plain HTTP and WebSocket upgrade alike.
struct APIContext: RequestContext, WebSocketRequestContext {
    var coreContext: CoreRequestContextStorage
    let webSocket: WebSocketHandlerReference<APIContext>

    init(source: Source) {
        coreContext = .init(source: source)
        webSocket = .init()
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
