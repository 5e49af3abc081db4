@testable import CallgateCore
import Testing

/// Offers that ring out, fail, or lose their caller or their agent; auto-pause.
@Suite("QueueMachine: offers")
struct OfferTests {
    static let queue = QueueSettings(
        name: "q", ringTimeoutSeconds: 15, retryDelaySeconds: 5, wrapUpSeconds: 0, announcePosition: false, announceWait: false)

    @Test func ringTimeoutThenRetryDelayThenTheNextAgent() {
        var acd = ACDDriver(Self.queue, agents: ["1001", "1002"])
        acd.staff("1001", "1002")
        #expect(acd.join("c1", queue: "q").offers == [Offer(callID: "c1", agent: "1001")])
        #expect(acd.advance(by: 14.9).withoutTimers.isEmpty)
        let rangOut = acd.advance(by: 0.1)
        #expect(rangOut.withoutTimers == [
            .cancelOffer(callID: "c1", agent: "1001"),
            .log(QueueLogEntry(time: 1017, queue: "q", callID: "c1", agent: "1001", event: .ringNoAnswer, reason: "no_answer")),
            .agentStatus("1001", .available, reason: .noAnswer),
        ])
        // 1002 is free all along, but the caller waits out the retry delay first.
        #expect(acd.advance(by: 4.9).offers.isEmpty)
        #expect(acd.advance(by: 0.1).offers == [Offer(callID: "c1", agent: "1002")])
        #expect(acd.machine.snapshot().agents[0].missedOffers == 1)
    }

    @Test func theAgentWhoMissedIsOfferedAgainOnlyWhenNobodyElseCan() {
        var acd = ACDDriver(Self.queue, agents: ["1001"])
        acd.staff("1001")
        acd.join("c1", queue: "q")
        acd.advance(by: 15)
        #expect(acd.advance(by: 5).offers == [Offer(callID: "c1", agent: "1001")])
    }

    @Test func offerFailedEndsTheOfferAtOnce() {
        var acd = ACDDriver(Self.queue, agents: ["1001", "1002"])
        acd.staff("1001", "1002")
        acd.join("c1", queue: "q")
        let busy = acd.advance(by: 2, then: .offerFailed(callID: "c1", agent: "1001", reason: .busy))
        #expect(busy.logLines.map(\.brief) == ["ring_no_answer q=q call=c1 agent=1001 reason=busy"])
        #expect(busy.statuses.map(\.reason) == [.busy])
        #expect(acd.advance(by: 5).offers == [Offer(callID: "c1", agent: "1002")])
        // The ring timeout of the first offer was cancelled: nothing fires for it.
        #expect(acd.advance(by: 9).withoutTimers.isEmpty)
    }

    @Test func afterMaxMissedOffersTheAgentIsPaused() {
        var acd = ACDDriver(Self.queue, agents: ["1001"])
        acd.staff("1001")
        acd.join("c1", queue: "q")
        acd.advance(by: 15)
        acd.advance(by: 5)
        acd.send(.offerFailed(callID: "c1", agent: "1001", reason: .noAnswer))
        acd.advance(by: 5)
        let third = acd.advance(by: 15)
        #expect(third.statuses.map { "\($0.status.name) \($0.reason.rawValue)" } == ["paused missed_offers"])
        #expect(third.logLines.map(\.brief) == [
            "ring_no_answer q=q call=c1 agent=1001 reason=no_answer", "pause agent=1001 reason=missed_offers",
        ])
        #expect(acd.status("1001") == .paused(reason: "missed_offers"))
        // Paused: the caller is not offered again.
        #expect(acd.advance(by: 60).offers.isEmpty)
        let back = acd.send(.agentUnpause("1001"))
        #expect(back.offers == [Offer(callID: "c1", agent: "1001")])
        #expect(acd.machine.snapshot().agents[0].missedOffers == 0)
    }

    @Test func anAnswerResetsTheMissedCount() {
        var acd = ACDDriver(Self.queue, agents: ["1001"])
        acd.staff("1001")
        acd.join("c1", queue: "q")
        acd.advance(by: 15)
        acd.advance(by: 5)
        acd.send(.offerFailed(callID: "c1", agent: "1001", reason: .noAnswer))
        acd.advance(by: 5)
        acd.send(.offerAnswered(callID: "c1", agent: "1001"))
        #expect(acd.machine.snapshot().agents[0].missedOffers == 0)
    }

    @Test func callerHangsUpWhileTheAgentRings() {
        var acd = ACDDriver(Self.queue, agents: ["1001"])
        acd.staff("1001")
        acd.join("c1", queue: "q")
        let gone = acd.advance(by: 7, then: .callerLeft(callID: "c1", reason: .abandon))
        #expect(gone.withoutTimers == [
            .cancelOffer(callID: "c1", agent: "1001"),
            .agentStatus("1001", .available, reason: .cancelled),
            .log(QueueLogEntry(time: 1008, queue: "q", callID: "c1", event: .abandon, waitSeconds: 7)),
        ])
        #expect(gone.done.isEmpty)
        #expect(acd.timers.isEmpty)
        // The failure that follows the cancel (487) is ignored; a late answer is hung up.
        #expect(acd.send(.offerFailed(callID: "c1", agent: "1001", reason: .failed)).isEmpty)
        #expect(acd.send(.offerAnswered(callID: "c1", agent: "1001")) == [.cancelOffer(callID: "c1", agent: "1001")])
        #expect(acd.status("1001") == .available)
    }

    @Test func agentUnregistersMidOfferAndTheCallerGoesToAnotherAgentAfterTheDelay() {
        var acd = ACDDriver(Self.queue, agents: ["1001", "1002"])
        acd.staff("1001", "1002")
        acd.join("c1", queue: "q")
        let vanished = acd.advance(by: 3, then: .agentUnregistered("1001"))
        #expect(vanished.cancelledOffers == [Offer(callID: "c1", agent: "1001")])
        #expect(vanished.logLines.map(\.brief) == ["ring_no_answer q=q call=c1 agent=1001 reason=unregistered"])
        #expect(vanished.statuses.map { "\($0.agent) \($0.status.name) \($0.reason.rawValue)" } == ["1001 available unregistered"])
        #expect(vanished.offers.isEmpty)
        #expect(acd.advance(by: 5).offers == [Offer(callID: "c1", agent: "1002")])
        // Not held against the agent: its phone went away.
        #expect(acd.machine.snapshot().agents[0].missedOffers == 0)
        #expect(acd.machine.snapshot().agents[0].registered == false)
    }

    @Test func anUnregisteredIdleAgentIsNotOffered() {
        var acd = ACDDriver(Self.queue, agents: ["1001", "1002"])
        acd.staff("1001", "1002")
        acd.send(.agentUnregistered("1001"))
        #expect(acd.status("1001") == .available)
        #expect(acd.join("c1", queue: "q").offers == [Offer(callID: "c1", agent: "1002")])
        #expect(acd.join("c2", queue: "q").offers.isEmpty)
        // Registered again: offered at once.
        #expect(acd.send(.agentRegistered("1001")).offers == [Offer(callID: "c2", agent: "1001")])
        // A registration refresh changes nothing.
        #expect(acd.send(.agentRegistered("1001")).isEmpty)
    }

    @Test func anAgentWhoUnregistersOnACallStaysOnItUntilItEnds() {
        var acd = ACDDriver(QueueSettings(name: "q", wrapUpSeconds: 10, announcePosition: false, announceWait: false), agents: ["1001", "1002"])
        acd.staff("1001", "1002")
        acd.join("c1", queue: "q")
        acd.send(.offerAnswered(callID: "c1", agent: "1001"))
        #expect(acd.send(.agentUnregistered("1001")).isEmpty)
        #expect(acd.status("1001") == .onCall(callID: "c1"))
        acd.advance(by: 30, then: .conversationEnded(callID: "c1", by: .caller))
        #expect(acd.status("1001") == .wrapUp(until: 1042))
        acd.advance(by: 10)
        #expect(acd.status("1001") == .available)
        #expect(acd.join("c2", queue: "q").offers == [Offer(callID: "c2", agent: "1002")])
    }

    @Test func staleTimersAreIgnored() {
        var acd = ACDDriver(Self.queue, agents: ["1001"])
        acd.staff("1001")
        let joined = acd.join("c1", queue: "q")
        let ring = joined.compactMap { if case .startTimer(let t, _) = $0, case .ringTimeout = t.kind { t } else { nil } }
        acd.send(.offerAnswered(callID: "c1", agent: "1001"))
        #expect(ring.count == 1)
        #expect(acd.send(.timerFired(ring[0])).isEmpty)
        #expect(acd.send(.timerFired(ACDTimer(kind: .wrapUp(agent: "1001"), generation: 99))).isEmpty)
        #expect(acd.status("1001") == .onCall(callID: "c1"))
    }
}
