@testable import CallgateCore
import Testing

/// Each dialing mode gets its pacer: only predictive dials ahead of the free agents.
@Suite struct CampaignPacingTests {
    @Test func predictiveDialsAheadWithinItsCapAndTheOthersNever() {
        var predictive = CampaignDefinition(name: "sales", kind: .agent, queue: "sales", mode: .predictive)
        predictive.abandonCap = 0.01
        let pacer = CampaignPacing.pacer(for: predictive)
        #expect((pacer as? PredictivePacer)?.abandonCap == 0.01)
        for mode in [DialingMode.preview, .progressive] {
            let other = CampaignPacing.pacer(for: CampaignDefinition(name: "sales", kind: .agent, queue: "sales", mode: mode))
            #expect(other is ProgressivePacer, "\(mode)")
            #expect(other.callsToPlace(freeAgents: 3, callsInProgress: 1, at: 0) == 2)
        }
    }
}
