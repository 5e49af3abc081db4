import NIOCore
import Synchronization

/// At most one log line per `interval` about refused connections, counting the ones in between:
/// a client that opens thousands of connections past a cap must not flood the log as well.
final class RefusalLogThrottle: Sendable {
    let interval: TimeAmount
    private let state = Mutex<(lastLogged: NIODeadline?, unlogged: Int)>((nil, 0))

    init(interval: TimeAmount = .seconds(10)) {
        self.interval = interval
    }

    /// Notes one refusal at `now`; returns how many refusals to report (this one included) when a
    /// line is due, nil when it is not.
    func note(at now: NIODeadline) -> Int? {
        state.withLock { state in
            state.unlogged += 1
            if let last = state.lastLogged, now - last < interval { return nil }
            defer { state = (now, 0) }
            return state.unlogged
        }
    }
}
