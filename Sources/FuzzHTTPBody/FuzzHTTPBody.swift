import CallgateCore
@testable import HTTPAPI

/// libFuzzer target: a request body of the HTTP API's agent actions, read as `JSONBody.read`
/// does once Hummingbird has collected it (`JSONValue.parse`, must be an object), then through
/// each action's getters and `finish()`, exactly as `AgentRoutes` calls them. A bad body must be
/// an `APIError` (a 400), never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPBody(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let value = try? JSONValue.parse(bytes), case .object(let object) = value else { return 0 }
    do {  // POST /api/agents/{ext}/login
        var body = JSONBody(object: object)
        _ = try body.strings("queues")
        try body.finish()
    } catch { _ = "\(error)" }
    do {  // POST /api/agents/{ext}/pause
        var body = JSONBody(object: object)
        _ = try body.requiredString("reason", maxLength: AgentRoutes.maxPauseReason)
        try body.finish()
    } catch { _ = "\(error)" }
    do {  // POST /api/agents/{ext}/logout and /unpause
        try JSONBody(object: object).finish()
    } catch { _ = "\(error)" }
    return 0
}
