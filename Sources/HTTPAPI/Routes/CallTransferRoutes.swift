import Hummingbird

/// `POST /api/calls/{id}/transfer` with `{"to": "1002"}`: a blind transfer of the call's caller,
/// as an operator's REFER does it; `POST /api/calls/{id}/participants` with `{"to": "1002"}`: a
/// third party for a three-way call. 202 once the target rings; 400, 403, 404 or 409 otherwise.
struct CallTransferRoutes: Sendable {
    let backend: any CallTransferBackend

    /// A target is a number, an extension or a queue prefix and name: short.
    static let maxTarget = 64

    func register(on api: some RouterMethods<APIContext>) {
        api.post("/calls/{id}/transfer") { request, context -> Response in
            let call = try context.parameters.decoded("id")
            var body = try await JSONBody.read(request, context: context, optional: false)
            let target = try body.requiredString("to", maxLength: Self.maxTarget)
            try body.finish()
            try await Self.transfer(backend, call: call, to: target)
            var response = try APIContext.encoder.encode(Accepted(call: call, to: target, status: "transferring"), from: request, context: context)
            response.status = .accepted
            return response
        }
        api.post("/calls/{id}/participants") { request, context -> Response in
            let call = try context.parameters.decoded("id")
            var body = try await JSONBody.read(request, context: context, optional: false)
            let target = try body.requiredString("to", maxLength: Self.maxTarget)
            try body.finish()
            do {
                try await backend.addParty(call: call, to: target)
            } catch let error as CallTransferError {
                throw Self.apiError(error)
            }
            var response = try APIContext.encoder.encode(Accepted(call: call, to: target, status: "ringing"), from: request, context: context)
            response.status = .accepted
            return response
        }
        api.rejectOtherMethods(RouterPath("/calls/{id}/transfer"), allowed: [.post])
        api.rejectOtherMethods(RouterPath("/calls/{id}/participants"), allowed: [.post])
    }

    private static func transfer(_ backend: any CallTransferBackend, call: String, to target: String) async throws(APIError) {
        do {
            try await backend.transfer(call: call, to: target)
        } catch {
            throw apiError(error)
        }
    }

    static func apiError(_ error: CallTransferError) -> APIError {
        switch error {
        case .unknownCall(let call): .notFound("no call with id \(call)")
        case .notTransferable(let why): APIError(status: .conflict, code: "conflict", message: why)
        case .notAllowed(let why): APIError(status: .forbidden, code: "forbidden", message: why)
        case .invalidTarget(let why): .badRequest(field: "to", why)
        }
    }

    struct Accepted: ResponseEncodable {
        var call: String
        var to: String
        var status: String
    }
}
