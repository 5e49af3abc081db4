import Hummingbird

/// `GET /api/agents[/{ext}]` and the four agent actions, `POST /api/agents/{ext}/login|logout|pause|unpause`.
/// An action checks its whole body before it asks the engine anything.
struct AgentRoutes: Sendable {
    let backend: any OperationsBackend

    /// The longest pause reason: it is shown on wallboards and written to the queue log.
    static let maxPauseReason = 100

    func register(on api: some RouterMethods<APIContext>) {
        api.get("/agents") { _, _ -> AgentList in
            AgentList(agents: await backend.agents())
        }
        api.get("/agents/{ext}") { _, context -> AgentView in
            let ext = try context.parameters.decoded("ext")
            guard let agent = await backend.agents().first(where: { $0.extension == ext }) else {
                throw APIError.notFound("no agent with extension \(ext)")
            }
            return agent
        }
        api.post("/agents/{ext}/login") { request, context -> Response in
            let agent = try context.parameters.decoded("ext")
            var body = try await JSONBody.read(request, context: context, optional: true)
            let queues = try body.strings("queues")
            try body.finish()
            return try await EngineOperation.perform { () async throws(OperationsError) in try await backend.login(agent: agent, queues: queues) }
        }
        api.post("/agents/{ext}/logout") { request, context -> Response in
            let agent = try context.parameters.decoded("ext")
            try await JSONBody.read(request, context: context, optional: true).finish()
            return try await EngineOperation.perform { () async throws(OperationsError) in try await backend.logout(agent: agent) }
        }
        api.post("/agents/{ext}/pause") { request, context -> Response in
            let agent = try context.parameters.decoded("ext")
            var body = try await JSONBody.read(request, context: context, optional: false)
            let reason = try body.requiredString("reason", maxLength: Self.maxPauseReason)
            try body.finish()
            return try await EngineOperation.perform { () async throws(OperationsError) in try await backend.pause(agent: agent, reason: reason) }
        }
        api.post("/agents/{ext}/unpause") { request, context -> Response in
            let agent = try context.parameters.decoded("ext")
            try await JSONBody.read(request, context: context, optional: true).finish()
            return try await EngineOperation.perform { () async throws(OperationsError) in try await backend.unpause(agent: agent) }
        }
        for path in ["/agents", "/agents/{ext}"] {
            api.rejectOtherMethods(RouterPath(path), allowed: [.get])
        }
        for action in ["login", "logout", "pause", "unpause"] {
            api.rejectOtherMethods(RouterPath("/agents/{ext}/\(action)"), allowed: [.post])
        }
    }
}

/// The body of `GET /api/agents`: an object, so fields can be added beside the list later.
struct AgentList: ResponseEncodable {
    var agents: [AgentView]
}

extension AgentView: ResponseEncodable {}
