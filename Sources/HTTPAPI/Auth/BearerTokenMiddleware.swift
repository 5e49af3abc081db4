import Hummingbird

/// Lets a request through only with the API token: `Authorization: Bearer TOKEN`, or, where
/// `acceptsQueryToken` is set (the WebSocket route: browsers cannot set headers there), `?token=TOKEN`.
///
/// An empty configured token refuses every request: an unset `http.token` closes the API rather
/// than opening it to anyone.
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: APIToken
    let acceptsQueryToken: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let presented = presentedToken(in: request) else {
            throw APIError.unauthorized(acceptsQueryToken
                ? "send the API token as Authorization: Bearer TOKEN or ?token=TOKEN"
                : "send the API token as Authorization: Bearer TOKEN")
        }
        guard token.matches(presented) else {
            throw APIError.unauthorized("the API token is wrong")
        }
        return try await next(request, context)
    }

    private func presentedToken(in request: Request) -> Substring? {
        if let header = request.headers[.authorization] {
            // The scheme is case-insensitive (RFC 9110 §11.1); anything else is not a bearer token.
            let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
            return parts[1].drop { $0 == " " }
        }
        if acceptsQueryToken, let query = request.uri.queryParameters["token"] {
            return query
        }
        return nil
    }
}
