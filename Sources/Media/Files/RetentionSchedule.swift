import Foundation

/// Runs a `RetentionSweep` at once and then every `period` of `clock` (a day), until cancelled.
/// File ages are judged against `wallClock`, which a test sets, as it moves `clock`.
public struct RetentionSchedule<C: Clock>: Sendable where C.Duration == Duration {
    public let sweep: RetentionSweep
    public let clock: C
    public let period: Duration
    let wallClock: @Sendable () -> Date

    public init(sweep: RetentionSweep, clock: C, period: Duration = .seconds(86_400),
                wallClock: @escaping @Sendable () -> Date = { Date() }) {
        self.sweep = sweep
        self.clock = clock
        self.period = period
        self.wallClock = wallClock
    }

    /// Returns when cancelled (or at once when `keepDays` is 0: nothing is ever deleted).
    public func run() async {
        guard sweep.keepDays > 0 else { return }
        while !Task.isCancelled {
            sweep.run(now: wallClock())
            do {
                try await clock.sleep(for: period)
            } catch {
                return
            }
        }
    }
}
