import CallgateCore
import Hummingbird

/// `POST|DELETE /api/calls/{id}/supervise` and `GET /api/supervisions`: a supervisor listens to,
/// whispers to or barges into an operator's queue call.
struct SupervisionRoutes: Sendable {
    let backend: any OperationsBackend

    func register(on api: some RouterMethods<APIContext>) {
        api.get("/supervisions") { _, _ -> SupervisionList in
            SupervisionList(supervisions: try await supervision().supervisions())
        }
        api.post("/calls/{id}/supervise") { request, context -> Response in
            let call = try context.parameters.decoded("id")
            var body = try await JSONBody.read(request, context: context, optional: false)
            let supervisor = try body.requiredString("supervisor", maxLength: 10)
            let modeText = try body.string("mode", maxLength: 16) ?? SupervisionMode.listen.rawValue
            try body.finish()
            guard let mode = SupervisionMode(rawValue: modeText) else {
                throw APIError.badRequest(field: "mode", "must be listen, whisper or barge, got \"\(modeText)\"")
            }
            let backend = try supervision()
            let view: SupervisionView
            do {
                view = try await backend.supervise(call: call, supervisor: supervisor, mode: mode)
            } catch let refusal as SupervisionRefusal {
                throw Self.apiError(refusal)
            }
            var response = try APIContext.encoder.encode(view, from: request, context: context)
            response.status = view.state == "ringing" ? .accepted : .ok
            return response
        }
        api.delete("/calls/{id}/supervise") { _, context -> Response in
            let call = try context.parameters.decoded("id")
            let backend = try supervision()
            do {
                try await backend.endSupervision(call: call)
            } catch let refusal as SupervisionRefusal {
                throw Self.apiError(refusal)
            }
            return Response(status: .noContent)
        }
        api.rejectOtherMethods(RouterPath("/supervisions"), allowed: [.get])
        api.rejectOtherMethods(RouterPath("/calls/{id}/supervise"), allowed: [.post, .delete])
    }

    private func supervision() throws(APIError) -> any SupervisionBackend {
        guard let backend = backend as? any SupervisionBackend else { throw APIError.notFound("supervision is not available here") }
        return backend
    }

    static func apiError(_ refusal: SupervisionRefusal) -> APIError {
        switch refusal {
        case .notFound(let message): APIError.notFound(message)
        case .forbidden(let message): APIError(status: .forbidden, code: "forbidden", message: message)
        case .conflict(let message): APIError(status: .conflict, code: "conflict", message: message)
        }
    }
}

/// The body of `GET /api/supervisions`.
struct SupervisionList: ResponseEncodable {
    var supervisions: [SupervisionView]
}

extension SupervisionView: ResponseEncodable {}
