import CallgateCore
import Testing

/// Progressive against predictive dialing over a simulated shift: the case (20 agents, 30 %
/// answered by a person, Poisson answers, exponential talk times of 60 s), seeded, in simulated
/// time, over half a shift (the full 8 hours run in `make bench`).
@Suite("DialerSimulation: progressive against predictive")
struct DialerSimulationTests {
    static func settings(seed: UInt64) -> DialerSimulationSettings {
        var settings = DialerSimulationSettings()
        settings.agents = 20
        settings.answerRate = 0.3
        settings.shift = 4 * 3600
        settings.seed = seed
        return settings
    }

    @Test(arguments: [UInt64(3), 11])
    func predictiveKeepsTheCapAndTalksFarMore(seed: UInt64) {
        let progressive = DialerSimulation.run(ProgressivePacer(), settings: Self.settings(seed: seed))
        let predictive = DialerSimulation.run(PredictivePacer(), settings: Self.settings(seed: seed))
        #expect(progressive.abandoned == 0)
        #expect(predictive.answered > 300)
        #expect(predictive.abandonRate <= 0.03)
        #expect(predictive.talkMinutesPerAgentHour >= 1.5 * progressive.talkMinutesPerAgentHour)
        #expect(predictive.occupancy > progressive.occupancy)
    }

    @Test func theRateFollowsALowerCap() {
        let settings = Self.settings(seed: 5)
        let progressive = DialerSimulation.run(ProgressivePacer(), settings: settings)
        let tight = DialerSimulation.run(PredictivePacer(abandonCap: 0.01), settings: settings)
        let loose = DialerSimulation.run(PredictivePacer(abandonCap: 0.03), settings: settings)
        #expect(tight.abandonRate <= 0.01)
        #expect(tight.abandonRate < loose.abandonRate)
        #expect(tight.talkMinutesPerAgentHour > progressive.talkMinutesPerAgentHour)
        #expect(tight.talkMinutesPerAgentHour <= loose.talkMinutesPerAgentHour)
    }

    @Test func theSameSeedGivesTheSameShift() {
        var settings = Self.settings(seed: 9)
        settings.shift = 1800
        let first = DialerSimulation.run(PredictivePacer(), settings: settings)
        #expect(first == DialerSimulation.run(PredictivePacer(), settings: settings))
        settings.seed = 10
        #expect(first != DialerSimulation.run(PredictivePacer(), settings: settings))
    }

    @Test func noAgentsNoCalls() {
        var settings = Self.settings(seed: 1)
        settings.agents = 0
        let result = DialerSimulation.run(PredictivePacer(), settings: settings)
        #expect(result.placed == 0 && result.talkMinutesPerAgentHour == 0 && result.occupancy == 0)
    }
}
