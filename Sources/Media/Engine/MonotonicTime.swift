#if canImport(Glibc)
import Glibc
#endif

/// A reading of CLOCK_MONOTONIC, the clock the media thread's ticks are scheduled on. The pure
/// media state machines take it as an argument, so tests pass whatever time they like.
struct MonotonicTime: Sendable, Hashable, Comparable {
    var nanoseconds: UInt64

    static func now() -> MonotonicTime {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return MonotonicTime(nanoseconds: UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec))
    }

    static func < (lhs: MonotonicTime, rhs: MonotonicTime) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }

    static func + (lhs: MonotonicTime, rhs: Duration) -> MonotonicTime {
        MonotonicTime(nanoseconds: lhs.nanoseconds &+ UInt64(max(0, rhs.nanoseconds)))
    }

    /// How long after `rhs` this is; zero if it is earlier.
    static func - (lhs: MonotonicTime, rhs: MonotonicTime) -> Duration {
        lhs > rhs ? .nanoseconds(Int64(lhs.nanoseconds - rhs.nanoseconds)) : .zero
    }

    var cTimespec: timespec {
        Glibc.timespec(tv_sec: Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
    }
}

extension Duration {
    var nanoseconds: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }

    init(seconds: Double) {
        self = .nanoseconds(Int64((seconds.isFinite ? max(0, seconds) : 0) * 1e9))
    }

    var seconds: Double { Double(nanoseconds) / 1e9 }
}
