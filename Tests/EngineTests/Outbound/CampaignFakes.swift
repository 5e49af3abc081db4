import CallgateCore
import Engine
import Storage
import Synchronization

/// The SQLite store is the driver's store in `serve` too; its methods are the port's.
extension CallStore: CampaignStore {}

/// Places nothing: keeps each request and its `ended` callback, so a test ends the calls as a
/// callee would (busy, no answer, answered by a person or a machine).
final class FakeOriginator: Originator {
    struct Placed: Sendable {
        let id: String
        let request: OriginateRequest
        let ended: @Sendable (CallRecord) async -> Void
    }

    private let state = Mutex<(placed: [Placed], refused: Set<String>, next: Int)>(([], [], 0))

    var placed: [Placed] { state.withLock { $0.placed } }
    var numbers: [String] { placed.map(\.request.to) }

    /// Calls to this number are refused (`not_allowed`), as with no trunk allowing it.
    func refuse(_ number: String) { state.withLock { _ = $0.refused.insert(number) } }

    func originate(_ request: OriginateRequest,
                   ended: @escaping @Sendable (CallRecord) async -> Void) async throws(OriginateRefusal) -> String {
        let id: String? = state.withLock { state in
            guard !state.refused.contains(request.to) else { return nil }
            state.next += 1
            let id = "call-\(state.next)"
            state.placed.append(Placed(id: id, request: request, ended: ended))
            return id
        }
        guard let id else { throw OriginateRefusal(.notAllowed, "no trunk allows \(request.to)") }
        return id
    }

    /// Ends a placed call with the record the engine would save.
    func end(_ id: String, _ disposition: String, answered: Bool = false, amd: MachineVerdict? = nil,
             connectResult: String? = nil) async {
        guard let call = placed.first(where: { $0.id == id }) else { return }
        var record = CallRecord(call: CallInfo(id: id, from: "+4930000", to: call.request.to, direction: .outbound))
        record.disposition = disposition
        record.answeredAt = answered ? 2 : nil
        record.endedAt = 30
        record.amd = amd
        record.vars = call.request.vars
        if let connectResult { record.vars["connect_result"] = .string(connectResult) }
        await call.ended(record)
    }
}

/// The campaign queue as the driver sees it: a number of free agents and the calls they serve.
final class FakeQueue: CampaignAgents, EngineEventSink {
    private let state = Mutex<(free: Int, served: Set<String>, events: [EngineEvent])>((0, [], []))

    func set(free: Int, served: Set<String> = []) { state.withLock { $0.free = free; $0.served = served } }
    func availability(queue: String) async -> QueueAvailability {
        state.withLock { QueueAvailability(freeAgents: $0.free, servedCalls: $0.served) }
    }

    func publish(_ event: EngineEvent) { state.withLock { $0.events.append(event) } }
    var events: [EngineEvent] { state.withLock { $0.events } }
    var states: [String] { events.filter { $0.type == "campaign.state" }.compactMap { $0.data?.object?["state"]?.scalarText } }
}

extension JSONValue {
    var object: [String: JSONValue]? {
        if case .object(let fields) = self { return fields }
        return nil
    }
}
