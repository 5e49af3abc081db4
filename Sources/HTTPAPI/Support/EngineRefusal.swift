import Hummingbird

/// An engine refusal the API answers with its own status and code (`OperationsError`,
/// `CallControlError`, ...), so every "do this and say 204" route runs the same way.
protocol EngineRefusal: Error {
    var apiError: APIError { get }
}

extension OperationsError: EngineRefusal {
    var apiError: APIError { APIError(self) }
}

extension CallControlError: EngineRefusal {
    var apiError: APIError { APIError(self) }
}

enum EngineOperation {
    /// Runs an operation of the engine: 204 when it agrees, its refusal as an API error otherwise.
    static func perform<Refusal: EngineRefusal>(_ operation: () async throws(Refusal) -> Void) async throws(APIError) -> Response {
        do {
            try await operation()
        } catch {
            throw error.apiError
        }
        return Response(status: .noContent)
    }
}
