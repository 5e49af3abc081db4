import CallgateCore
import HTTPAPI
import Synchronization

/// Fans engine events out to every subscriber (the WebSocket clients). Publishing never waits;
/// the HTTP layer bounds each client's backlog and tells a slow client how many events it lost.
final class EventHub: Sendable {
    private let subscribers = Mutex<[Int: AsyncStream<EngineEvent>.Continuation]>([:])
    private let nextID = Atomic<Int>(0)

    func publish(_ event: EngineEvent) {
        for continuation in subscribers.withLock({ Array($0.values) }) { continuation.yield(event) }
    }

    func subscribe() -> AsyncStream<EngineEvent> {
        let id = nextID.add(1, ordering: .relaxed).newValue
        let (stream, continuation) = AsyncStream<EngineEvent>.makeStream()
        continuation.onTermination = { [weak self] _ in self?.subscribers.withLock { _ = $0.removeValue(forKey: id) } }
        subscribers.withLock { $0[id] = continuation }
        return stream
    }

    func finishAll() {
        for continuation in subscribers.withLock({ Array($0.values) }) { continuation.finish() }
    }
}
