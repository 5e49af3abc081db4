@testable import CallgateCore
import Testing

/// Callbacks in simulated time: the place kept against later callers and priorities, the agent
/// committed while the customer is dialed, retries and giving up.
@Suite struct CallbackTests {
    static func queue(_ mode: CallbackMode = .agentFirst, attempts: Int = 3, strategy: QueueStrategy = .longestIdle) -> QueueSettings {
        var settings = QueueSettings(name: "support", strategy: strategy, maxWaitSeconds: 300, ringTimeoutSeconds: 15, retryDelaySeconds: 5,
                                     wrapUpSeconds: 0, announcePosition: false, announceWait: false)
        settings.callbackMode = mode
        settings.callbackAttempts = attempts
        settings.callbackRetrySeconds = 60
        settings.callbackRingSeconds = 30
        return settings
    }

    static func dials(_ effects: [ACDEffect]) -> [String] {
        effects.compactMap { if case .dialCallback(let c, let a, let n) = $0 { "\(c)→\(a)@\(n)" } else { nil } }
    }

    static func hangUps(_ effects: [ACDEffect]) -> [String] {
        effects.compactMap { if case .hangUpCallback(let c) = $0 { c } else { nil } }
    }

    /// One agent busy with c0; c1 asks for a callback; c2 and a higher-priority-free c3 join later.
    static func busyQueue(_ mode: CallbackMode, attempts: Int = 3) -> ACDDriver {
        var acd = ACDDriver(queue(mode, attempts: attempts), agents: ["1001"])
        acd.staff("1001")
        acd.join("c0", queue: "support")
        acd.send(.offerAnswered(callID: "c0", agent: "1001"))
        acd.join("c1", queue: "support")
        acd.now += 10
        return acd
    }

    @Test func aCallbackKeepsItsPlaceAheadOfLaterCallersOfTheSamePriority() {
        var acd = Self.busyQueue(.agentFirst)
        let requested = acd.send(.callbackRequested(callID: "c1"))
        #expect(requested.logLines.map(\.brief) == ["callback_requested q=support call=c1 wait=10"])
        #expect(requested.done.isEmpty, "the call machine ends the call itself; no queue.done")
        acd.now += 5
        acd.join("c2", queue: "support")
        #expect(acd.waiting("support") == ["c1", "c2"], "the callback keeps its place in line")
        // The agent frees: the callback is offered first, like the call it stands for.
        let freed = acd.advance(by: 30, then: .conversationEnded(callID: "c0", by: .agent))
        #expect(freed.offers == [Offer(callID: "c1", agent: "1001")])
        #expect(acd.machine.snapshot().queues[0].figures.abandoned == 0, "a callback is not an abandoned call")
    }

    @Test func aHigherPriorityCallerStillGoesFirstAndALowerOneAfter() {
        var acd = ACDDriver(Self.queue(), agents: ["1001"])
        acd.staff("1001")
        acd.join("c0", queue: "support")
        acd.send(.offerAnswered(callID: "c0", agent: "1001"))
        acd.join("c1", queue: "support", priority: 5)
        acd.send(.callbackRequested(callID: "c1"))
        acd.join("low", queue: "support", priority: 1)
        acd.join("high", queue: "support", priority: 9)
        #expect(acd.waiting("support") == ["high", "c1", "low"], "same priority, same arrival: the place is the caller's")
    }

    @Test func agentFirstRingsTheAgentThenDialsTheCustomerAndCountsTheWaitFromTheRequest() {
        var acd = Self.busyQueue(.agentFirst)
        acd.send(.callbackRequested(callID: "c1"))
        acd.advance(by: 20, then: .conversationEnded(callID: "c0", by: .agent))
        let answered = acd.send(.offerAnswered(callID: "c1", agent: "1001"))
        #expect(Self.dials(answered) == ["c1→1001@+1555c1"], "the customer is dialed at the caller's number")
        #expect(answered.connections.isEmpty, "not bridged before the customer answers")
        #expect(acd.status("1001") == .onCall(callID: "c1"), "the agent is committed while the customer rings")
        #expect(answered.logEvents.contains(.callbackAttempt))
        acd.now += 4
        let up = acd.send(.callbackAnswered(callID: "c1"))
        #expect(up.connections == [Offer(callID: "c1", agent: "1001")])
        #expect(up.logLines.map(\.brief) == ["callback_completed q=support call=c1 agent=1001 wait=24"])
        let ended = acd.advance(by: 60, then: .conversationEnded(callID: "c1", by: .agent))
        #expect(Self.hangUps(ended) == ["c1"], "the agent hung up: the customer's leg ends too")
        #expect(ended.done.isEmpty, "no scenario waits for a callback")
        let figures = acd.machine.snapshot().queues[0].figures
        #expect(figures.callbacksRequested == 1 && figures.callbacksCompleted == 1 && figures.callbacksFailed == 0)
        #expect(figures.callbackWaitSeconds == 24)
        #expect(figures.answered == 1, "only c0 was answered live")
    }

    @Test func customerFirstReservesTheAgentDialsTheCustomerThenRingsTheAgent() {
        var acd = Self.busyQueue(.customerFirst)
        acd.send(.callbackRequested(callID: "c1"))
        acd.join("c2", queue: "support")
        let freed = acd.advance(by: 20, then: .conversationEnded(callID: "c0", by: .agent))
        #expect(Self.dials(freed) == ["c1→1001@+1555c1"])
        #expect(freed.offers.isEmpty, "the reserved agent's phone does not ring yet")
        #expect(acd.status("1001") == .onCall(callID: "c1"))
        #expect(freed.statuses.last?.reason == .callback)
        let up = acd.send(.callbackAnswered(callID: "c1"))
        #expect(up.offers == [Offer(callID: "c1", agent: "1001")], "the reserved agent, not c2's")
        let talk = acd.send(.offerAnswered(callID: "c1", agent: "1001"))
        #expect(talk.connections == [Offer(callID: "c1", agent: "1001")])
        #expect(talk.logEvents == [.callbackCompleted])
        #expect(acd.waiting("support") == ["c2"])
    }

    @Test func failedAttemptsRetryInPlaceThenTheCallbackIsDroppedAsFailed() {
        var acd = Self.busyQueue(.customerFirst, attempts: 2)
        acd.send(.callbackRequested(callID: "c1"))
        acd.advance(by: 1, then: .conversationEnded(callID: "c0", by: .agent))
        acd.join("c2", queue: "support")
        let busy = acd.send(.callbackFailed(callID: "c1", reason: .busy))
        #expect(busy.logLines.map(\.brief).first == "callback_retry q=support call=c1 agent=1001 wait=1 reason=busy")
        #expect(busy.offers == [Offer(callID: "c2", agent: "1001")], "the freed agent serves the next caller meanwhile")
        acd.send(.offerAnswered(callID: "c2", agent: "1001"))
        acd.advance(by: 61, then: .conversationEnded(callID: "c2", by: .agent))
        #expect(acd.waiting("support") == ["c1"])
        // The retry delay has passed: the second attempt, which rings out on the machine's clock.
        #expect(Self.dials(acd.advance(by: 0)) .isEmpty)
        #expect(acd.status("1001") == .onCall(callID: "c1"), "attempt 2 has the agent")
        let rangOut = acd.advance(by: 30)
        #expect(Self.hangUps(rangOut) == ["c1"], "the customer's phone is hung up after callbackRingSeconds")
        #expect(rangOut.logLines.map(\.event).contains(.callbackFailed))
        #expect(acd.waiting("support").isEmpty)
        #expect(acd.status("1001") == .available)
        let figures = acd.machine.snapshot().queues[0].figures
        #expect(figures.callbacksFailed == 1 && figures.callbacksCompleted == 0 && figures.abandoned == 0)
    }

    @Test func anAgentWhoHangsUpWhileTheCustomerRingsCostsTheCallbackNoAttempt() {
        var acd = Self.busyQueue(.agentFirst, attempts: 1)
        acd.send(.callbackRequested(callID: "c1"))
        acd.advance(by: 1, then: .conversationEnded(callID: "c0", by: .agent))
        acd.send(.offerAnswered(callID: "c1", agent: "1001"))
        let gaveUp = acd.send(.offerFailed(callID: "c1", agent: "1001", reason: .failed))
        #expect(Self.hangUps(gaveUp) == ["c1"])
        #expect(gaveUp.logEvents.contains(.callbackRetry) && !gaveUp.logEvents.contains(.callbackFailed))
        #expect(gaveUp.offers == [Offer(callID: "c1", agent: "1001")], "offered again at once, its one attempt intact")
    }

    @Test func aCallbackWaitsOnWhenTheLastAgentLeavesAndIsNeverTimedOut() {
        var acd = Self.busyQueue(.agentFirst)
        acd.send(.callbackRequested(callID: "c1"))
        acd.send(.conversationEnded(callID: "c0", by: .caller))
        acd.send(.offerFailed(callID: "c1", agent: "1001", reason: .noAnswer))
        acd.send(.agentLogout("1001"))
        acd.advance(by: 3600)
        #expect(acd.waiting("support") == ["c1"], "no max wait, no leave_empty for a customer not on the line")
    }

    @Test func aSecondRequestOrALateAnswerIsHarmless() {
        var acd = Self.busyQueue(.agentFirst)
        acd.send(.callbackRequested(callID: "c1"))
        #expect(acd.send(.callbackRequested(callID: "c1")).refusals == [.notWaiting(callID: "c1")])
        #expect(Self.hangUps(acd.send(.callbackAnswered(callID: "c1"))) == ["c1"], "an answer outside an attempt is hung up")
        #expect(acd.send(.callbackFailed(callID: "c1", reason: .busy)).logLines.isEmpty)
        #expect(acd.send(.callbackRequested(callID: "nobody")).refusals == [.unknownCaller(callID: "nobody")])
    }

    @Test func aRestoredCallbackIsAheadOfNewCallersAndKeepsItsAttempts() {
        var acd = ACDDriver(Self.queue(.customerFirst, attempts: 3), agents: ["1001"])
        let ticket = CallerTicket(callID: "old", queue: "support", callerNumber: "+15550100")
        let restored = acd.send(.callbackRestored(ticket, joinedAt: 500, requestedAt: 530, attempts: 2))
        #expect(restored.logLines.isEmpty, "its request is in the log already")
        acd.staff("1001")   // no agent until now: the callback waited
        #expect(acd.status("1001") == .onCall(callID: "old"), "the first agent goes to the restored callback")
        acd.join("new", queue: "support")
        #expect(acd.waiting("support") == ["old", "new"])
        let failed = acd.send(.callbackFailed(callID: "old", reason: .noAnswer))
        #expect(failed.logLines.map(\.brief).first == "callback_failed q=support call=old wait=471 reason=no_answer",
                "its third attempt was its last: the attempts came back with it")
        #expect(acd.send(.callbackRestored(CallerTicket(callID: "x", queue: "gone"), joinedAt: 1, requestedAt: 1, attempts: 0)).refusals
                == [.unknownQueue("gone")])
    }
}

