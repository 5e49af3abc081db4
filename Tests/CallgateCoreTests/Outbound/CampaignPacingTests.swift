import Foundation
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

/// A campaign's `machine_detection` uses the API's snake_case names; what it leaves out keeps its default.
@Suite struct MachineDetectionSettingsDecodingTests {
    @Test func partialSnakeCaseSettingsKeepTheDefaultsOfTheRest() throws {
        let settings = try JSONDecoder().decode(MachineDetectionSettings.self, from: Data(#"{"initial_silence": 3, "maximum_words": 4}"#.utf8))
        #expect(settings.initialSilence == 3)
        #expect(settings.maximumWords == 4)
        #expect(settings.greeting == MachineDetectionSettings().greeting)
    }
}
