/// A driver's time on its injected clock: seconds since the driver started, and seconds since
/// 1970 (the wall time at start plus that), which records, logs and events carry. Drivers never
/// read the wall clock themselves; `serve` gives them `ContinuousClock` and tests a manual one.
struct InjectedTime<C: Clock>: Sendable where C.Duration == Duration {
    let clock: C
    let start: C.Instant
    /// Wall time (seconds since 1970) at `start`.
    let origin: Double

    init(clock: C, wallTime: Double = 0) {
        self.clock = clock
        start = clock.now
        origin = wallTime
    }

    /// Seconds since the driver started.
    var elapsed: Double {
        let duration = start.duration(to: clock.now)
        return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// Seconds since 1970.
    var now: Double { origin + elapsed }
}
