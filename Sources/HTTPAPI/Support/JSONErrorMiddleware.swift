import Hummingbird

/// Gives every error the API's JSON body: Hummingbird's own (no such route, a body too large, …) and
/// unexpected ones (500, logged), so clients parse one error shape.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as any HTTPResponseError {
            throw APIError(error)
        } catch {
            context.logger.error("HTTP API request failed: \(error)", metadata: ["http.path": "\(request.uri.path)"])
            throw APIError(status: .internalServerError, code: "internal_error", message: "the request failed inside the engine")
        }
    }
}
