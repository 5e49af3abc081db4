import Hummingbird

/// `GET /api/conferences`, and a supervisor's hand on a participant:
/// `POST /api/conferences/{room}/participants/{call}/mute|unmute`, `DELETE …/participants/{call}` (kick).
struct ConferenceRoutes: Sendable {
    let backend: any OperationsBackend

    func register(on api: some RouterMethods<APIContext>) {
        api.get("/conferences") { _, _ -> ConferenceList in
            ConferenceList(conferences: await backend.conferences())
        }
        for (action, muted) in [("mute", true), ("unmute", false)] {
            api.post(RouterPath("/conferences/{room}/participants/{call}/\(action)")) { request, context -> Response in
                let (room, call) = try Self.names(context)
                try await JSONBody.read(request, context: context, optional: true).finish()
                return try await EngineOperation.perform { () async throws(OperationsError) in
                    try await backend.setMuted(muted, room: room, callID: call)
                }
            }
            api.rejectOtherMethods(RouterPath("/conferences/{room}/participants/{call}/\(action)"), allowed: [.post])
        }
        api.delete("/conferences/{room}/participants/{call}") { _, context -> Response in
            let (room, call) = try Self.names(context)
            return try await EngineOperation.perform { () async throws(OperationsError) in try await backend.kick(room: room, callID: call) }
        }
        api.rejectOtherMethods("/conferences", allowed: [.get])
        api.rejectOtherMethods("/conferences/{room}/participants/{call}", allowed: [.delete])
    }

    /// The room and call of the path, checked as the `conference` action checks a room's name.
    private static func names(_ context: APIContext) throws -> (room: String, call: String) {
        let room = try context.parameters.decoded("room")
        let call = try context.parameters.decoded("call")
        guard (1...64).contains(room.count), room.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) else {
            throw APIError.badRequest(field: "room", "must be a room name (letters, digits, - _ ., at most 64), got \"\(room)\"")
        }
        guard (1...64).contains(call.count), call.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) else {
            throw APIError.badRequest(field: "call", "must be a call id, got \"\(call)\"")
        }
        return (room, call)
    }
}

/// The body of `GET /api/conferences`: an object, so fields can be added beside the list later.
struct ConferenceList: ResponseEncodable {
    var conferences: [ConferenceView]
}
