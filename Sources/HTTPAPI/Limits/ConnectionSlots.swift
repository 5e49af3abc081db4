import Synchronization

/// A counted set of places (connections, event-stream clients): taken while one is free, given
/// back when its holder goes. Thread-safe; taken and given back from any event loop.
final class ConnectionSlots: Sendable {
    let capacity: Int
    /// One line per ten seconds about refusals, however many there are.
    let refusalLog = RefusalLogThrottle()
    private let taken = Mutex(0)

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Takes a place; false when all `capacity` are taken.
    func tryTake() -> Bool {
        taken.withLock { count in
            guard count < capacity else { return false }
            count += 1
            return true
        }
    }

    /// - warning: only once per successful `tryTake`.
    func giveBack() {
        taken.withLock { count in
            assert(count > 0, "a place given back that was never taken")
            count = max(0, count - 1)
        }
    }

    var inUse: Int { taken.withLock { $0 } }
    var isFull: Bool { inUse >= capacity }
}
