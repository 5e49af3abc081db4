import Hummingbird

/// `GET /api/queues` and `GET /api/queues/{name}`: what is waiting, and who serves it.
struct QueueRoutes: Sendable {
    let backend: any OperationsBackend

    func register(on api: some RouterMethods<APIContext>) {
        api.get("/queues") { _, _ -> QueueList in
            QueueList(queues: await backend.queues())
        }
        api.get("/queues/{name}") { _, context -> QueueView in
            let name = try context.parameters.decoded("name")
            guard let queue = await backend.queues().first(where: { $0.name == name }) else {
                throw APIError.notFound("no queue named \(name)")
            }
            return queue
        }
        api.rejectOtherMethods("/queues", allowed: [.get])
        api.rejectOtherMethods("/queues/{name}", allowed: [.get])
    }
}

/// The body of `GET /api/queues`: an object, so fields can be added beside the list later.
struct QueueList: ResponseEncodable {
    var queues: [QueueView]
}

extension QueueView: ResponseEncodable {}
