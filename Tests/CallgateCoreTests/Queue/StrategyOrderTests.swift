@testable import CallgateCore
import Testing

/// Each strategy is an order over the available agents: who is offered the next caller.
@Suite("QueueMachine: strategies")
struct StrategyOrderTests {
    static func queue(_ strategy: QueueStrategy) -> QueueSettings {
        QueueSettings(name: "q", strategy: strategy, wrapUpSeconds: 0, announcePosition: false, announceWait: false)
    }

    @Test func longestIdlePicksTheAgentIdleLongest() {
        var acd = ACDDriver(Self.queue(.longestIdle), agents: ["1001", "1002", "1003"])
        acd.staff("1003", "1001", "1002")
        #expect(acd.join("c1", queue: "q").offers == [Offer(callID: "c1", agent: "1003")])
        #expect(acd.join("c2", queue: "q").offers == [Offer(callID: "c2", agent: "1001")])
        acd.complete("c1", agent: "1003")
        // 1003 is idle again, but only since its call ended: 1002 has waited longer.
        #expect(acd.join("c3", queue: "q").offers == [Offer(callID: "c3", agent: "1002")])
    }

    @Test func roundRobinRotatesThroughTheAgents() {
        var acd = ACDDriver(Self.queue(.roundRobin), agents: ["1001", "1002", "1003"])
        acd.staff("1003", "1002", "1001")
        var chosen: [String] = []
        for n in 1...5 {
            let callID = "c\(n)"
            let agent = acd.join(callID, queue: "q").offers[0].agent
            chosen.append(agent)
            acd.complete(callID, agent: agent, talk: 10)
        }
        #expect(chosen == ["1001", "1002", "1003", "1001", "1002"])
    }

    @Test func roundRobinSkipsAgentsWhoAreBusy() {
        var acd = ACDDriver(Self.queue(.roundRobin), agents: ["1001", "1002", "1003"])
        acd.staff("1001", "1002", "1003")
        #expect(acd.join("c1", queue: "q").offers[0].agent == "1001")
        acd.send(.offerAnswered(callID: "c1", agent: "1001"))
        #expect(acd.join("c2", queue: "q").offers[0].agent == "1002")
        acd.send(.offerAnswered(callID: "c2", agent: "1002"))
        #expect(acd.join("c3", queue: "q").offers[0].agent == "1003")
        acd.send(.offerAnswered(callID: "c3", agent: "1003"))
        acd.advance(by: 5, then: .conversationEnded(callID: "c2", by: .agent))
        // Only 1002 is free: it is next after 1003, wrapping around.
        #expect(acd.join("c4", queue: "q").offers[0].agent == "1002")
    }

    @Test func fewestCallsPicksTheAgentWithFewestCallsTaken() {
        var acd = ACDDriver(Self.queue(.fewestCalls), agents: ["1001", "1002"])
        acd.staff("1001", "1002")
        acd.send(.agentPause("1002", reason: "coffee"))
        for n in 1...2 {
            #expect(acd.join("c\(n)", queue: "q").offers[0].agent == "1001")
            acd.complete("c\(n)", agent: "1001")
        }
        acd.send(.agentUnpause("1002"))
        // 1002 has just come back (1001 has been idle longer), but has taken no call.
        #expect(acd.join("c3", queue: "q").offers[0].agent == "1002")
    }

    @Test func leastTalkTimePicksTheAgentWhoTalkedLeast() {
        var acd = ACDDriver(Self.queue(.leastTalkTime), agents: ["1001", "1002"])
        acd.staff("1001", "1002")
        #expect(acd.join("c1", queue: "q").offers[0].agent == "1001")
        acd.complete("c1", agent: "1001", talk: 300)
        #expect(acd.join("c2", queue: "q").offers[0].agent == "1002")
        acd.complete("c2", agent: "1002", talk: 20)
        // 1001 has been idle longer, but has talked 300 s against 1002's 20 s.
        #expect(acd.join("c3", queue: "q").offers[0].agent == "1002")
    }

    /// The agents the random strategy picks for 12 callers in a row.
    static func randomPicks(seed: UInt64) -> [String] {
        var acd = ACDDriver(Self.queue(.random), agents: ["1001", "1002", "1003", "1004"], seed: seed)
        acd.staff("1001", "1002", "1003", "1004")
        var chosen: [String] = []
        for n in 1...12 {
            let agent = acd.join("c\(n)", queue: "q").offers[0].agent
            chosen.append(agent)
            acd.complete("c\(n)", agent: agent)
        }
        return chosen
    }

    @Test func randomIsDeterministicWithASeededGenerator() {
        let first = Self.randomPicks(seed: 42)
        #expect(Self.randomPicks(seed: 42) == first)
        #expect(Set(first).count > 1)
        #expect(Self.randomPicks(seed: 43) != first)
    }

    @Test func ringAllOffersEveryoneAndCancelsTheRestOnTheFirstAnswer() {
        var acd = ACDDriver(Self.queue(.ringAll), agents: ["1001", "1002", "1003"])
        acd.staff("1003", "1001", "1002")
        let offered = acd.join("c1", queue: "q")
        #expect(offered.offers == ["1003", "1001", "1002"].map { Offer(callID: "c1", agent: $0) })
        let answered = acd.send(.offerAnswered(callID: "c1", agent: "1001"))
        #expect(answered.connections == [Offer(callID: "c1", agent: "1001")])
        #expect(answered.cancelledOffers == ["1003", "1002"].map { Offer(callID: "c1", agent: $0) })
        #expect(acd.status("1001") == .onCall(callID: "c1"))
        #expect(acd.status("1002") == .available)
        #expect(acd.status("1003") == .available)
        // A second answer that crossed the cancel is hung up.
        #expect(acd.send(.offerAnswered(callID: "c1", agent: "1002")) == [.cancelOffer(callID: "c1", agent: "1002")])
    }

    @Test func ringAllLosersTakeTheNextCallerTogether() {
        var acd = ACDDriver(Self.queue(.ringAll), agents: ["1001", "1002", "1003"])
        acd.staff("1001", "1002", "1003")
        acd.join("c1", queue: "q")
        acd.join("c2", queue: "q")
        let answered = acd.send(.offerAnswered(callID: "c1", agent: "1002"))
        #expect(answered.offers == ["1001", "1003"].map { Offer(callID: "c2", agent: $0) })
    }

    static let skilled: [String: [String: Int]] = [
        "1001": ["en": 5],
        "1002": ["en": 9, "billing": 3],
        "1003": ["billing": 8],
    ]

    @Test func skillsBasedPrefersTheHigherLevel() {
        var acd = ACDDriver(Self.queue(.skillsBased), agents: ["1001", "1002", "1003"], skills: Self.skilled)
        acd.staff("1001", "1002", "1003")
        #expect(acd.join("c1", queue: "q", skills: ["en": 4]).offers[0].agent == "1002")
        #expect(acd.join("c2", queue: "q", skills: ["billing": 1]).offers[0].agent == "1003")
    }

    @Test func skillsBasedExcludesAgentsLackingASkillOrBelowTheLevel() {
        var acd = ACDDriver(Self.queue(.skillsBased), agents: ["1001", "1002", "1003"], skills: Self.skilled)
        acd.staff("1001", "1002", "1003")
        // Nobody has en and billing ≥ 5: the caller waits although three agents are free.
        #expect(acd.join("c1", queue: "q", skills: ["en": 1, "billing": 5]).offers.isEmpty)
        // 1002 is the only one with en ≥ 6.
        #expect(acd.join("c2", queue: "q", skills: ["en": 6]).offers[0].agent == "1002")
        // 1001 has en 5 but no billing: c3 waits behind nobody it could reach.
        #expect(acd.join("c3", queue: "q", skills: ["en": 1, "billing": 1]).offers.isEmpty)
        #expect(acd.waiting("q") == ["c1", "c2", "c3"])
        #expect(acd.join("c4", queue: "q", skills: ["en": 5]).offers == [Offer(callID: "c4", agent: "1001")])
    }

    @Test func requiredSkillsFilterEveryStrategy() {
        var acd = ACDDriver(Self.queue(.longestIdle), agents: ["1001", "1002", "1003"], skills: Self.skilled)
        acd.staff("1001", "1002", "1003")
        #expect(acd.join("c1", queue: "q", skills: ["billing": 5]).offers[0].agent == "1003")
    }

    @Test func aFreedAgentTakesTheFirstCallerItHasTheSkillsFor() {
        var acd = ACDDriver(Self.queue(.skillsBased), agents: ["1001", "1003"], skills: Self.skilled)
        acd.staff("1001", "1003")
        acd.join("busy1", queue: "q")
        acd.join("busy2", queue: "q")
        acd.send(.offerAnswered(callID: "busy1", agent: "1001"))
        acd.send(.offerAnswered(callID: "busy2", agent: "1003"))
        acd.join("c1", queue: "q", skills: ["billing": 2])
        acd.join("c2", queue: "q", skills: ["en": 2])
        let ended = acd.advance(by: 30, then: .conversationEnded(callID: "busy1", by: .caller))
        #expect(ended.offers == [Offer(callID: "c2", agent: "1001")])
    }
}
