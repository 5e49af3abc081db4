@testable import CallgateCore
import Testing

/// Agents logging in and out, pausing, wrapping up: every change is an effect, and logged.
@Suite("QueueMachine: agent states")
struct AgentStateTests {
    static let support = QueueSettings(name: "support", wrapUpSeconds: 10, announcePosition: false, announceWait: false)
    static let billing = QueueSettings(name: "billing", strategy: .fewestCalls, wrapUpSeconds: 0, announcePosition: false, announceWait: false)
    static let alice = AgentProfile(extension: "1001", name: "Alice", skills: ["en": 5], queues: ["support", "billing"])

    static func driver() -> ACDDriver {
        var acd = ACDDriver(queues: [support, billing], agents: [alice])
        acd.send(.agentRegistered("1001"))
        return acd
    }

    @Test func loginToEveryConfiguredQueueIsLoggedPerQueue() {
        var acd = Self.driver()
        let login = acd.send(.agentLogin("1001", queues: nil))
        #expect(login.logLines.map(\.brief) == ["login q=support agent=1001", "login q=billing agent=1001"])
        #expect(login.statuses.map { "\($0.status.name) \($0.reason.rawValue)" } == ["available login"])
        #expect(acd.machine.snapshot().agents[0].queues == ["support", "billing"])
    }

    @Test func loginToASubsetAndChangingIt() {
        var acd = Self.driver()
        acd.send(.agentLogin("1001", queues: ["billing"]))
        #expect(acd.machine.snapshot().queues.map(\.agents) == [["1001"], []])
        let change = acd.send(.agentLogin("1001", queues: ["support"]))
        #expect(change.logLines.map(\.brief) == ["logout q=billing agent=1001", "login q=support agent=1001"])
        #expect(change.statuses.isEmpty)
        #expect(acd.machine.snapshot().queues.map(\.agents) == [[], ["1001"]])
    }

    @Test func badLoginsAreRefused() {
        var acd = ACDDriver(queues: [Self.support, Self.billing, QueueSettings(name: "sales")], agents: [Self.alice])
        #expect(acd.send(.agentLogin("1009", queues: nil)).refusals == [.unknownAgent("1009")])
        #expect(acd.send(.agentLogin("1001", queues: ["nope"])).refusals == [.unknownQueue("nope")])
        #expect(acd.send(.agentLogin("1001", queues: ["sales"])).refusals == [.notAgentOfQueue(agent: "1001", queue: "sales")])
        #expect(acd.send(.agentLogin("1001", queues: [])).refusals == [.noQueues(agent: "1001")])
        #expect(acd.send(.agentLogout("1001")).refusals == [.notLoggedIn(agent: "1001")])
        #expect(acd.send(.agentPause("1001", reason: "x")).refusals == [.notLoggedIn(agent: "1001")])
        acd.send(.agentLogin("1001", queues: nil))
        #expect(acd.send(.agentUnpause("1001")).refusals == [.notPaused(agent: "1001")])
        #expect(acd.machine.snapshot().agents[0].status == .available)
    }

    @Test func pauseUnpauseAndLogoutAreLoggedWithTheirStatus() {
        var acd = Self.driver()
        acd.send(.agentLogin("1001", queues: nil))
        let paused = acd.send(.agentPause("1001", reason: "lunch"))
        #expect(paused.withoutTimers == [
            .agentStatus("1001", .paused(reason: "lunch"), reason: .pause),
            .log(QueueLogEntry(time: 1000, agent: "1001", event: .pause, reason: "lunch")),
        ])
        acd.now = 1900
        let back = acd.send(.agentUnpause("1001"))
        #expect(back == [
            .log(QueueLogEntry(time: 1900, agent: "1001", event: .unpause)),
            .agentStatus("1001", .available, reason: .unpause),
        ])
        #expect(acd.machine.snapshot().agents[0].idleSince == 1900)
        let out = acd.send(.agentLogout("1001"))
        #expect(out == [
            .log(QueueLogEntry(time: 1900, queue: "support", agent: "1001", event: .logout)),
            .log(QueueLogEntry(time: 1900, queue: "billing", agent: "1001", event: .logout)),
            .agentStatus("1001", .loggedOut, reason: .logout),
        ])
        #expect(acd.machine.snapshot().agents[0].idleSince == nil)
    }

    @Test func wrapUpThenAvailable() {
        var acd = Self.driver()
        acd.send(.agentLogin("1001", queues: nil))
        acd.join("c1", queue: "support")
        acd.send(.offerAnswered(callID: "c1", agent: "1001"))
        acd.join("c2", queue: "support")
        let ended = acd.advance(by: 90, then: .conversationEnded(callID: "c1", by: .agent))
        #expect(ended.statuses.map { "\($0.status.name) \($0.reason.rawValue)" } == ["wrap_up conversation_ended"])
        #expect(acd.status("1001") == .wrapUp(until: 1100))
        #expect(ended.offers.isEmpty)
        #expect(acd.advance(by: 9.9).offers.isEmpty)
        let done = acd.advance(by: 0.1)
        #expect(done.statuses.map { "\($0.status.name) \($0.reason.rawValue)" } == ["available wrap_up_done", "ringing offer"])
        #expect(done.offers == [Offer(callID: "c2", agent: "1001")])
    }

    @Test func theWrapUpIsTheCallsQueues() {
        var acd = Self.driver()
        acd.send(.agentLogin("1001", queues: nil))
        acd.join("c1", queue: "billing")
        acd.send(.offerAnswered(callID: "c1", agent: "1001"))
        acd.advance(by: 20, then: .conversationEnded(callID: "c1", by: .caller))
        #expect(acd.status("1001") == .available)
    }

    @Test func logoutDuringACallTakesEffectWhenItEnds() {
        var acd = Self.driver()
        acd.send(.agentLogin("1001", queues: nil))
        acd.join("c1", queue: "support")
        acd.send(.offerAnswered(callID: "c1", agent: "1001"))
        let out = acd.send(.agentLogout("1001"))
        #expect(out.logEvents == [.logout, .logout])
        #expect(out.statuses.isEmpty)
        #expect(acd.status("1001") == .onCall(callID: "c1"))
        let ended = acd.advance(by: 60, then: .conversationEnded(callID: "c1", by: .agent))
        #expect(ended.statuses.map { "\($0.status.name) \($0.reason.rawValue)" } == ["logged_out logout"])
        #expect(ended.done == ["c1": .agentHangup])
    }

    @Test func pauseDuringACallStartsWhenItEnds() {
        var acd = Self.driver()
        acd.send(.agentLogin("1001", queues: nil))
        acd.join("c1", queue: "support")
        acd.send(.offerAnswered(callID: "c1", agent: "1001"))
        #expect(acd.send(.agentPause("1001", reason: "break")).isEmpty)
        #expect(acd.machine.snapshot().agents[0].pendingPause == "break")
        let ended = acd.advance(by: 60, then: .conversationEnded(callID: "c1", by: .caller))
        #expect(ended.statuses.map { "\($0.status.name) \($0.reason.rawValue)" } == ["paused pause"])
        #expect(ended.logLines.map(\.brief).last == "pause agent=1001 reason=break")
    }

    @Test func pauseDuringWrapUpEndsTheWrapUp() {
        var acd = Self.driver()
        acd.send(.agentLogin("1001", queues: nil))
        acd.join("c1", queue: "support")
        acd.complete("c1", agent: "1001")
        let paused = acd.send(.agentPause("1001", reason: "break"))
        #expect(paused.contains { if case .cancelTimer(let t) = $0, case .wrapUp = t.kind { true } else { false } })
        #expect(acd.status("1001") == .paused(reason: "break"))
        #expect(acd.timers.isEmpty)
    }

    @Test func pauseWhileRingingWithdrawsTheOfferAndTheCallerIsOfferedAtOnce() {
        var acd = ACDDriver(Self.support, agents: ["1001", "1002"])
        acd.staff("1001", "1002")
        acd.join("c1", queue: "support")
        let paused = acd.send(.agentPause("1001", reason: "phone"))
        #expect(paused.cancelledOffers == [Offer(callID: "c1", agent: "1001")])
        #expect(paused.offers == [Offer(callID: "c1", agent: "1002")])
        #expect(paused.logLines.map(\.brief) == [
            "ring_no_answer q=support call=c1 agent=1001 reason=pause", "offer q=support call=c1 agent=1002",
            "pause agent=1001 reason=phone",
        ])
    }

    @Test func anAgentInTwoQueuesTakesTheCallerWhoWaitedLongest() {
        var acd = Self.driver()
        acd.send(.agentLogin("1001", queues: nil))
        acd.join("busy", queue: "billing")
        acd.send(.offerAnswered(callID: "busy", agent: "1001"))
        acd.join("s1", queue: "support")
        acd.advance(by: 1)
        acd.join("b1", queue: "billing")
        acd.join("b2", queue: "billing", priority: 9)
        let ended = acd.advance(by: 30, then: .conversationEnded(callID: "busy", by: .agent))
        #expect(ended.offers == [Offer(callID: "b2", agent: "1001")])
        acd.send(.offerAnswered(callID: "b2", agent: "1001"))
        #expect(acd.advance(by: 30, then: .conversationEnded(callID: "b2", by: .agent)).offers == [Offer(callID: "s1", agent: "1001")])
    }
}
