import CSystem
import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

/// The 20 ms media clock: a timerfd on CLOCK_MONOTONIC armed at an absolute start time with a
/// fixed period. The kernel keeps the schedule absolute (tick n fires at start + n × period), so
/// a late wake-up never shifts the following ticks and pacing cannot drift. Unlike
/// `clock_nanosleep`, it can sit in the same epoll wait as the sockets; unlike an epoll timeout, it
/// has nanosecond resolution rather than milliseconds.
struct TickTimer: Sendable {
    let fd: Int32

    init(period: Duration) throws(MediaError) {
        fd = timerfd_create(CLOCK_MONOTONIC, Int32(TFD_NONBLOCK | TFD_CLOEXEC))
        guard fd >= 0 else { throw .system("timerfd_create: \(Errno(rawValue: errno))") }
        let start = MonotonicTime.now() + period
        let nanos = Int(period.nanoseconds)
        var spec = itimerspec(it_interval: timespec(tv_sec: nanos / 1_000_000_000, tv_nsec: nanos % 1_000_000_000),
                              it_value: start.cTimespec)
        guard timerfd_settime(fd, Int32(TFD_TIMER_ABSTIME), &spec, nil) == 0 else {
            let error = Errno(rawValue: errno)
            Glibc.close(fd)
            throw .system("timerfd_settime: \(error)")
        }
    }

    /// How many ticks have elapsed since the last call (more than 1 when the thread was late).
    func expirations() -> UInt64 {
        var count: UInt64 = 0
        return read(fd, &count, MemoryLayout<UInt64>.size) == MemoryLayout<UInt64>.size ? count : 0
    }

    func close() {
        Glibc.close(fd)
    }
}
