@testable import CallgateCore
import Testing

/// The predictive pacer's decisions from counts fed to it, without a simulation.
@Suite("PredictivePacer: decisions")
struct PredictivePacerTests {
    /// A pacer that has seen `answered` people out of `answered + unanswered` calls, `handled`
    /// finished conversations of `handleTime` seconds, `busy` agents talking now, `abandoned` abandons.
    static func fed(_ pacer: PredictivePacer = PredictivePacer(), answered: Int = 30, unanswered: Int = 70, handled: Int = 20,
                    handleTime: Double = 130, busy: Int = 10, abandoned: Int = 0) -> PredictivePacer {
        var pacer = pacer
        var time = 0.0
        func feed(_ event: PacingEvent, _ count: Int) {
            for _ in 0..<count { time += 1; pacer.record(event, at: time) }
        }
        feed(.placed, answered + unanswered)
        feed(.answered, answered)
        feed(.unanswered, unanswered)
        feed(.connected(wait: 0), handled + busy)
        feed(.handled(seconds: handleTime), handled)
        feed(.abandoned, abandoned)
        return pacer
    }

    @Test func isProgressiveUntilItHasSeenEnough() {
        let fresh = PredictivePacer()
        #expect(fresh.callsToPlace(freeAgents: 5, callsInProgress: 0, at: 0) == 5)
        #expect(fresh.callsToPlace(freeAgents: 5, callsInProgress: 2, at: 0) == 3)
        let fewOutcomes = Self.fed(answered: 3, unanswered: 7)
        #expect(fewOutcomes.callsToPlace(freeAgents: 5, callsInProgress: 0, at: 0) == 5)
        let noHandleTime = Self.fed(handled: 0)
        #expect(noHandleTime.callsToPlace(freeAgents: 5, callsInProgress: 0, at: 0) == 5)
    }

    @Test func dialsMoreThanProgressiveWhileAbandonsAreFew() {
        let pacer = Self.fed()
        #expect(pacer.tally.answerRate == 0.3)
        #expect(pacer.tally.busyAgents == 10)
        let calls = pacer.callsToPlace(freeAgents: 5, callsInProgress: 0, at: 0)
        // Five free agents at a 30 % answer rate: well over five calls, but not far past 5 / 0.3 plus
        // what the ten busy agents will free.
        #expect(calls > 5)
        #expect(calls < 40)
    }

    @Test func callsInProgressCountAgainstNewOnes() {
        let pacer = Self.fed()
        let idle = pacer.callsToPlace(freeAgents: 5, callsInProgress: 0, at: 0)
        let some = pacer.callsToPlace(freeAgents: 5, callsInProgress: 6, at: 0)
        #expect(some < idle)
        #expect(pacer.callsToPlace(freeAgents: 5, callsInProgress: 500, at: 0) == 0)
        #expect(pacer.callsToPlace(freeAgents: 0, callsInProgress: 0, at: 0) >= 0)
    }

    @Test func backsOffAsTheAbandonRateNearsTheCap() {
        let calm = Self.fed(answered: 100, unanswered: 233, abandoned: 0)
        let near = Self.fed(answered: 100, unanswered: 233, abandoned: 2)
        let over = Self.fed(answered: 100, unanswered: 233, abandoned: 3)
        #expect(calm.abandonShare() > near.abandonShare())
        #expect(near.abandonShare() >= 0)
        let free = 6
        #expect(calm.callsToPlace(freeAgents: free, callsInProgress: 0, at: 0) >= near.callsToPlace(freeAgents: free, callsInProgress: 0, at: 0))
        // At the cap (3 of 100), one call per free agent: progressive.
        #expect(over.callsToPlace(freeAgents: free, callsInProgress: 0, at: 0) == free)
        #expect(over.callsToPlace(freeAgents: free, callsInProgress: 4, at: 0) == 2)
    }

    @Test func aLowerCapDialsLess() {
        let loose = Self.fed(PredictivePacer(abandonCap: 0.05))
        let tight = Self.fed(PredictivePacer(abandonCap: 0.01))
        let zero = Self.fed(PredictivePacer(abandonCap: 0))
        #expect(loose.callsToPlace(freeAgents: 5, callsInProgress: 0, at: 0) > tight.callsToPlace(freeAgents: 5, callsInProgress: 0, at: 0))
        #expect(zero.callsToPlace(freeAgents: 5, callsInProgress: 0, at: 0) == 5)
    }

    @Test func nonsenseInputsGiveSafeAnswers() {
        var pacer = Self.fed()
        pacer.record(.handled(seconds: .nan), at: 1)
        pacer.record(.handled(seconds: -50), at: 1)
        #expect(pacer.tally.averageHandleTime?.isFinite == true)
        #expect(pacer.callsToPlace(freeAgents: -3, callsInProgress: -2, at: 0) >= 0)
        let odd = PredictivePacer(abandonCap: -1, connectWindow: -2, safety: 7, gain: -1, lookahead: -5, maxCallsPerAgent: 0)
        #expect(odd.abandonCap == 0 && odd.safety == 1 && odd.maxCallsPerAgent == 1)
        #expect(Self.fed(odd).callsToPlace(freeAgents: 3, callsInProgress: 0, at: 0) == 3)
    }

    @Test func binomialTermsSumToOne() {
        for (n, p) in [(0, 0.3), (10, 0.3), (40, 0.5), (1200, 0.7), (5, 0), (5, 1)] {
            let terms = AnswerModel.binomial(trials: n, chance: p)
            #expect(terms.count == n + 1)
            #expect(abs(terms.reduce(0, +) - 1) < 1e-9)
        }
    }
}
