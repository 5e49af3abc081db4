import Logging
import Media
import ServiceLifecycle

/// `recordings.keep_days` as a service of the server's group: sweeps at start-up and once a day,
/// and stops at graceful shutdown. Only in the group when `keep_days` is above 0.
struct RetentionService<C: Clock>: Service where C.Duration == Duration {
    let schedule: RetentionSchedule<C>

    func run() async throws {
        await cancelWhenGracefulShutdown { await schedule.run() }
    }
}

extension CallgateServer {
    /// The retention sweep, when `recordings.keep_days` asks for one.
    func retentionServices(dataDirectory: String, cacheDirectory: String) -> [any Service] {
        guard config.recordings.keepDays > 0 else { return [] }
        let sweep = RetentionSweep(recordingsDirectory: dataDirectory + "/recordings", cacheDirectory: cacheDirectory,
                                   keepDays: config.recordings.keepDays, logger: logger)
        return [RetentionService(schedule: RetentionSchedule(sweep: sweep, clock: ContinuousClock()))]
    }
}
