import Foundation
import Hummingbird

/// An error answer of the API: its status and the JSON body every error has,
/// `{"error": "bad_request", "message": "reason: is required", "field": "reason"}`.
struct APIError: Error, HTTPResponseError, Sendable {
    var status: HTTPResponse.Status
    /// A stable machine-readable code: `unauthorized`, `not_found`, `bad_request`, …
    var code: String
    var message: String
    /// The request body field at fault, for `bad_request`.
    var field: String?
    var headers: HTTPFields = [:]

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try APIContext.encoder.encode(Body(error: code, message: message, field: field), from: request, context: context)
        response.status = status
        response.headers.append(contentsOf: headers)
        return response
    }

    /// The whole answer as HTTP/1.1 bytes with `Connection: close`, for writing straight to a
    /// socket where no HTTP handler is (yet) in place.
    var rawResponse: String {
        let body = (try? APIContext.encoder.encode(Body(error: code, message: message, field: field)))
            .map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        var head = "HTTP/1.1 \(status.code) \(status.reasonPhrase)\r\nConnection: close\r\nContent-Type: application/json\r\n"
        for field in headers { head += "\(field.name): \(field.value)\r\n" }
        return head + "Content-Length: \(body.utf8.count)\r\n\r\n" + body
    }

    private struct Body: Encodable {
        var error: String
        var message: String
        var field: String?
    }
}

extension APIError {
    static func unauthorized(_ message: String) -> APIError {
        APIError(status: .unauthorized, code: "unauthorized", message: message,
                 headers: [.wwwAuthenticate: #"Bearer realm="callgate""#])
    }

    /// Every `GET /api/events` place is taken (`http.max_websocket_clients`).
    static func tooManyClients(_ capacity: Int) -> APIError {
        APIError(status: .serviceUnavailable, code: "too_many_clients",
                 message: "all \(capacity) event-stream places are taken (http.max_websocket_clients); try again later",
                 headers: [.retryAfter: "5"])
    }

    static func notFound(_ message: String) -> APIError {
        APIError(status: .notFound, code: "not_found", message: message)
    }

    static func badRequest(field: String, _ problem: String) -> APIError {
        APIError(status: .badRequest, code: "bad_request", message: "\(field): \(problem)", field: field)
    }

    static func methodNotAllowed(_ method: HTTPRequest.Method, allowed: [HTTPRequest.Method]) -> APIError {
        let allow = allowed.map(\.rawValue).joined(separator: ", ")
        return APIError(status: .methodNotAllowed, code: "method_not_allowed",
                        message: "\(method.rawValue) is not allowed here; use \(allow)", headers: [.allow: allow])
    }

    /// What the engine's refusal means over HTTP.
    init(_ error: OperationsError) {
        switch error {
        case .unknownAgent(let agent):
            self = .notFound("no agent with extension \(agent)")
        case .unknownQueue(let queue):
            self = .badRequest(field: "queues", "no queue named \(queue)")
        case .unknownConference(let room):
            self = .notFound("no conference room named \(room)")
        case .unknownParticipant(let room, let callID):
            self = .notFound("call \(callID) is not in conference room \(room)")
        case .invalid(let why):
            self = APIError(status: .conflict, code: "conflict", message: why)
        }
    }

    /// The same shape for the errors Hummingbird raises itself (no route, body too large, …).
    init(_ error: any HTTPResponseError) {
        let code = error.status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_")
        let message = (error as? HTTPError)?.body ?? error.status.reasonPhrase
        self.init(status: error.status, code: code, message: message, headers: (error as? HTTPError)?.headers ?? [:])
    }
}
