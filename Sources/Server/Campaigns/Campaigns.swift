import CallgateCore
import Engine
import Foundation
import Logging
import ServiceLifecycle
import Storage

/// The engine's campaigns: the store they live in and, when the engine can place calls, the
/// driver that runs them (docs/outbound.md#campaigns).
struct Campaigns: Sendable {
    let store: CallStore
    let driver: CampaignDriver<ContinuousClock>?

    /// Closes the attempts a dead engine left open (as `interrupted`, retried per the rules), then
    /// builds the driver. Without an originator the campaigns are kept and shown but not run.
    static func start(store: CallStore, originator: (any Originator)?, queues: Queues, hub: EventHub,
                      logger: Logger) async throws -> Campaigns {
        let interrupted = try await store.closeInterruptedAttempts(at: Date().timeIntervalSince1970)
        if interrupted > 0 {
            logger.warning("closed \(interrupted) campaign attempt(s) left open by an engine that did not stop cleanly: retried per the campaigns' rules")
        }
        guard let originator else {
            logger.notice("campaigns: this engine cannot place calls; campaigns are kept but not run")
            return Campaigns(store: store, driver: nil)
        }
        let driver = CampaignDriver(store: store, originator: originator, agents: QueueCampaignAgents(queues: queues), events: hub,
                                    clock: ContinuousClock(), wallTime: Date().timeIntervalSince1970, logger: logger)
        return Campaigns(store: store, driver: driver)
    }

    /// The driver's rounds as a service of the engine's group; none without a driver.
    var services: [any Service] { driver.map { [CampaignService(driver: $0)] } ?? [] }
}

/// Runs the campaign driver until the engine shuts down. Calls up at shutdown are ended by the
/// router's drain; their attempts end with the calls' records.
struct CampaignService: Service {
    let driver: CampaignDriver<ContinuousClock>

    func run() async throws {
        let rounds = Task { await driver.run() }
        try? await gracefulShutdown()
        rounds.cancel()
    }
}
