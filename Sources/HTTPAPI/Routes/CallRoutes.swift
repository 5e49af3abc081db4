import Hummingbird

/// `GET /api/calls[/{id}]`, `DELETE /api/calls/{id}` (hang up) and
/// `POST /api/calls/{id}/recording/pause|resume`: the live calls and what may be done to them.
struct CallRoutes: Sendable {
    let backend: any CallControlBackend
    /// `POST /api/calls` places calls (OriginateRoutes) when the backend can.
    var originates = false

    func register(on api: some RouterMethods<APIContext>) {
        api.get("/calls") { _, _ -> CallList in
            CallList(calls: await backend.liveCalls())
        }
        api.get("/calls/{id}") { _, context -> CallView in
            let id = try context.parameters.decoded("id")
            guard let call = await backend.liveCall(id) else {
                throw APIError(CallControlError.unknownCall(id))
            }
            return call
        }
        api.delete("/calls/{id}") { request, context -> Response in
            let id = try context.parameters.decoded("id")
            try await JSONBody.read(request, context: context, optional: true).finish()
            return try await EngineOperation.perform { () async throws(CallControlError) in try await backend.hangUp(call: id) }
        }
        for (action, paused) in [("pause", true), ("resume", false)] {
            api.post(RouterPath("/calls/{id}/recording/\(action)")) { request, context -> Response in
                let id = try context.parameters.decoded("id")
                try await JSONBody.read(request, context: context, optional: true).finish()
                return try await EngineOperation.perform { () async throws(CallControlError) in try await backend.setRecordingPaused(paused, call: id) }
            }
            api.rejectOtherMethods(RouterPath("/calls/{id}/recording/\(action)"), allowed: [.post])
        }
        api.rejectOtherMethods("/calls", allowed: originates ? [.get, .post] : [.get])
        api.rejectOtherMethods("/calls/{id}", allowed: [.get, .delete])
    }
}

/// The body of `GET /api/calls`: an object, so fields can be added beside the list later.
struct CallList: ResponseEncodable {
    var calls: [CallView]
}

extension CallView: ResponseEncodable {}

extension APIError {
    /// What the engine's refusal of a call control means over HTTP.
    init(_ error: CallControlError) {
        switch error {
        case .unknownCall(let id):
            self = .notFound("no live call with id \(id) (it may have ended)")
        case .ending(let id):
            self = APIError(status: .conflict, code: "call_ending", message: "call \(id) is already being hung up")
        case .notRecording(let id):
            self = APIError(status: .conflict, code: "not_recording", message: "call \(id) is not being recorded")
        case .alreadyPaused(let id):
            self = APIError(status: .conflict, code: "already_paused", message: "the recording of call \(id) is already paused")
        case .notPaused(let id):
            self = APIError(status: .conflict, code: "not_paused", message: "the recording of call \(id) is not paused")
        }
    }
}
