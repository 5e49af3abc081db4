/// Notices a remote that has stopped sending RTP (a dead phone, a vanished NAT binding), so the
/// call can be hung up instead of running forever. Pure: fed packet arrivals and ticks.
///
/// It fires once per silent stretch: packets arriving again re-arm it. The caller only checks it
/// while the leg is active (a remote is known and we are not on hold: a held remote may
/// legitimately send nothing), and restarts it when the leg becomes active.
struct RTPTimeoutWatch: Sendable {
    let timeout: Duration
    private var lastActivity: MonotonicTime
    private var fired = false

    init(timeout: Duration, now: MonotonicTime) {
        self.timeout = timeout
        lastActivity = now
    }

    /// Starts counting afresh (remote set, taken off hold).
    mutating func restart(now: MonotonicTime) {
        lastActivity = now
        fired = false
    }

    mutating func received(now: MonotonicTime) {
        restart(now: now)
    }

    /// Whether the timeout expires now; true once per silent stretch.
    mutating func expired(now: MonotonicTime) -> Bool {
        guard !fired, timeout > .zero, now - lastActivity >= timeout else { return false }
        fired = true
        return true
    }
}
