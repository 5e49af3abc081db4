import Synchronization

/// Lets at most `limit` scenario processes run at once; the rest wait their turn in order, so a
/// burst of calls cannot fork-bomb the host. A free slot is taken under a lock, without a hop to
/// another executor; only a run that has to wait suspends.
public final class ConcurrencyGate: Sendable {
    public let limit: Int
    private struct State {
        var running = 0
        var waiters: [CheckedContinuation<Void, Never>] = []
    }
    private let state = Mutex(State())

    public init(limit: Int) {
        precondition(limit > 0, "the scenario process limit must be positive")
        self.limit = limit
    }

    /// Runs `body` once a slot is free.
    public func withSlot<T: Sendable>(_ body: @Sendable () async -> T) async -> T {
        await acquire()
        let result = await body()
        release()
        return result
    }

    public var waiting: Int { state.withLock { $0.waiters.count } }
    public var inUse: Int { state.withLock { $0.running } }

    private func acquire() async {
        let limit = self.limit
        let took = state.withLock { state -> Bool in
            guard state.running < limit else { return false }
            state.running += 1
            return true
        }
        if took { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let now = state.withLock { state -> Bool in
                if state.running < limit {
                    state.running += 1
                    return true
                }
                state.waiters.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }

    private func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if state.waiters.isEmpty {
                state.running -= 1
                return nil
            }
            // The slot passes straight to the next waiter.
            return state.waiters.removeFirst()
        }
        next?.resume()
    }
}
