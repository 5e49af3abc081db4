import CallgateCore
import Engine
import Synchronization

/// An agent's phone as the queue driver's tests see it: rung through ``FakeDialer``, answered,
/// refused or hung up by the test; it remembers every hang-up the driver asked for.
final class FakeLeg: DialedLeg {
    let request: DialRequest
    private let report: @Sendable (DialEvent) async -> Void
    private let hangUps = Atomic<Int>(0)

    init(request: DialRequest, report: @escaping @Sendable (DialEvent) async -> Void) {
        self.request = request
        self.report = report
    }

    func hangUp() async { hangUps.add(1, ordering: .relaxed) }
    var hangUpCount: Int { hangUps.load(ordering: .relaxed) }

    func answer() async { await report(.answered) }
    func refuse(_ status: Int) async { await report(.failed(status: status, reason: "refused by the test")) }
    func hungUp() async { await report(.hungUp) }
}

/// Places fake legs. With `holdDials`, each `dial` waits until the test releases it: an INVITE
/// still in flight.
final class FakeDialer: Dialer {
    private struct State {
        var legs: [FakeLeg] = []
        var held: [CheckedContinuation<Void, Never>] = []
        var holdDials = false
    }
    private let state = Mutex(State())

    init(holdDials: Bool = false) { state.withLock { $0.holdDials = holdDials } }

    func dial(_ request: DialRequest, events: @escaping @Sendable (DialEvent) async -> Void) async throws -> any DialedLeg {
        let leg = FakeLeg(request: request, report: events)
        state.withLock { $0.legs.append(leg) }
        if state.withLock({ $0.holdDials }) {
            await withCheckedContinuation { continuation in state.withLock { $0.held.append(continuation) } }
        }
        return leg
    }

    var legs: [FakeLeg] { state.withLock { $0.legs } }
    var heldCount: Int { state.withLock { $0.held.count } }

    /// Lets every held `dial` return.
    func release() {
        let held = state.withLock { state in
            defer { state.held = [] }
            return state.held
        }
        for continuation in held { continuation.resume() }
    }
}

/// The caller's side: writes down what the queue driver asked of it.
final class FakeCaller: QueueCaller {
    enum Step: Equatable {
        case music(String), announce(String), bridged(recording: Bool), unbridged, left(String), unavailable(String)
    }
    private let log = Mutex<[Step]>([])
    var steps: [Step] { log.withLock { $0 } }
    private func note(_ step: Step) { log.withLock { $0.append(step) } }

    func startMusicOnHold(_ file: String) async { note(.music(file)) }
    func announce(_ text: String) async { note(.announce(text)) }
    func bridge(to leg: any DialedLeg, recording: Bool) async { note(.bridged(recording: recording)) }
    func unbridge() async { note(.unbridged) }
    func leftQueue(reason: String, details: [String: JSONValue]) async { note(.left(reason)) }
    func queueUnavailable(_ detail: String) async { note(.unavailable(detail)) }
    func operatorLeft() async {}
}

/// Contacts, events and queue log in memory.
final class FakeDirectory: AgentContacts, EngineEventSink, QueueLogWriter {
    private let contacts = Mutex<[String: String]>([:])
    private let published = Mutex<[EngineEvent]>([])
    private let lines = Mutex<[QueueLogEntry]>([])

    func register(_ agent: String) { contacts.withLock { $0[agent] = "sip:\(agent)@127.0.0.1:5060" } }
    func contact(for agent: String) async -> String? { contacts.withLock { $0[agent] } }
    func reach(for agent: String) async -> DialTarget? { await contact(for: agent).map { DialTarget(uri: $0, peer: .agent(agent)) } }
    func publish(_ event: EngineEvent) { published.withLock { $0.append(event) } }
    func appendQueueLog(_ entries: [QueueLogEntry]) async throws { lines.withLock { $0.append(contentsOf: entries) } }

    var events: [EngineEvent] { published.withLock { $0 } }
    var eventTypes: [String] { events.map(\.type) }
    var queueLog: [QueueLogEntry] { lines.withLock { $0 } }
}
