@testable import CallgateCore
import Testing

/// Who waits, in which order, for how long, and who cannot join.
@Suite("QueueMachine: the line")
struct QueueLineTests {
    static func queue(
        maxWait: Double = 300, maxLength: Int = 0, joinEmpty: Bool = false, leaveEmpty: Bool = true,
        announcePosition: Bool = false, announceWait: Bool = false
    ) -> QueueSettings {
        QueueSettings(
            name: "q", maxWaitSeconds: maxWait, maxLength: maxLength, joinEmpty: joinEmpty, leaveEmpty: leaveEmpty,
            wrapUpSeconds: 0, announcePosition: announcePosition, announceWait: announceWait)
    }

    /// One agent on a call, so that callers wait.
    static func busyQueue(_ settings: QueueSettings = queue()) -> ACDDriver {
        var acd = ACDDriver(settings, agents: ["1001"])
        acd.staff("1001")
        acd.join("busy", queue: "q")
        acd.send(.offerAnswered(callID: "busy", agent: "1001"))
        return acd
    }

    @Test func higherPriorityFirstThenArrivalOrder() {
        var acd = Self.busyQueue()
        acd.join("low1", queue: "q", priority: 0)
        acd.join("high1", queue: "q", priority: 50)
        acd.join("low2", queue: "q", priority: 0)
        acd.join("top", queue: "q", priority: 100)
        acd.join("high2", queue: "q", priority: 50)
        #expect(acd.waiting("q") == ["top", "high1", "high2", "low1", "low2"])
        let positions = acd.machine.snapshot().queues[0].waiting.map(\.position)
        #expect(positions == [1, 2, 3, 4, 5])
        var served: [String] = []
        var current = "busy"
        for _ in 1...5 {
            let next = acd.advance(by: 10, then: .conversationEnded(callID: current, by: .agent)).offers
            current = next[0].callID
            served.append(current)
            acd.send(.offerAnswered(callID: current, agent: "1001"))
        }
        #expect(served == ["top", "high1", "high2", "low1", "low2"])
    }

    @Test func maxLengthTurnsTheNextCallerAwayAsFull() {
        var acd = Self.busyQueue(Self.queue(maxLength: 2))
        acd.join("c1", queue: "q")
        acd.join("c2", queue: "q")
        let refused = acd.join("c3", queue: "q")
        #expect(refused.done == ["c3": .full])
        #expect(refused.details("c3") == ["wait_seconds": 0])
        #expect(refused.logLines.map(\.brief) == ["full q=q call=c3 wait=0"])
        #expect(acd.waiting("q") == ["c1", "c2"])
        #expect(acd.machine.snapshot().queues[0].figures.refusedFull == 1)
    }

    @Test func withoutJoinEmptyNobodyJoinsAQueueWithNoAgent() {
        var acd = ACDDriver(Self.queue(), agents: ["1001"])
        let refused = acd.join("c1", queue: "q")
        #expect(refused.done == ["c1": .noAgents])
        #expect(refused.logEvents == [.noAgents])
        // Logged in but not registered counts as nobody.
        acd.send(.agentLogin("1001", queues: nil))
        #expect(acd.join("c2", queue: "q").done == ["c2": .noAgents])
        acd.send(.agentRegistered("1001"))
        acd.send(.agentPause("1001", reason: "lunch"))
        // A paused agent is there: the caller waits.
        #expect(acd.join("c3", queue: "q").done.isEmpty)
        #expect(acd.waiting("q") == ["c3"])
    }

    @Test func joinEmptyLetsCallersWaitForTheFirstAgent() {
        var acd = ACDDriver(Self.queue(joinEmpty: true), agents: ["1001"])
        #expect(acd.join("c1", queue: "q").done.isEmpty)
        acd.send(.agentRegistered("1001"))
        #expect(acd.send(.agentLogin("1001", queues: nil)).offers == [Offer(callID: "c1", agent: "1001")])
    }

    @Test func leaveEmptySendsWaitingCallersAwayWhenTheLastAgentLeaves() {
        var acd = ACDDriver(Self.queue(), agents: ["1001", "1002"])
        acd.staff("1001", "1002")
        acd.join("talking", queue: "q")
        acd.send(.offerAnswered(callID: "talking", agent: "1001"))
        acd.join("ringing", queue: "q")
        acd.join("c1", queue: "q")
        acd.advance(by: 4)
        acd.join("c2", queue: "q")
        acd.advance(by: 6)
        // 1002 logs out while its phone rings; 1001 is on a call but its phone's registration expires.
        let first = acd.send(.agentLogout("1002"))
        #expect(first.done.isEmpty)
        let last = acd.send(.agentUnregistered("1001"))
        #expect(last.done == ["ringing": .noAgents, "c1": .noAgents, "c2": .noAgents])
        #expect(last.details("c1") == ["wait_seconds": 10])
        #expect(last.details("c2") == ["wait_seconds": 6])
        #expect(last.logLines.map(\.brief) == [
            "no_agents q=q call=ringing wait=10", "no_agents q=q call=c1 wait=10", "no_agents q=q call=c2 wait=6",
        ])
        // The conversation goes on.
        #expect(acd.status("1001") == .onCall(callID: "talking"))
        #expect(acd.waiting("q").isEmpty)
    }

    @Test func withoutLeaveEmptyCallersStay() {
        var acd = ACDDriver(Self.queue(leaveEmpty: false), agents: ["1001"])
        acd.staff("1001")
        acd.send(.agentPause("1001", reason: "meeting"))
        acd.join("c1", queue: "q")
        #expect(acd.send(.agentLogout("1001")).done.isEmpty)
        #expect(acd.waiting("q") == ["c1"])
    }

    @Test func callerTimesOutAfterTheQueuesMaxWait() {
        var acd = Self.busyQueue(Self.queue(maxWait: 120))
        acd.join("c1", queue: "q")
        #expect(acd.advance(by: 119).done.isEmpty)
        let timedOut = acd.advance(by: 1)
        #expect(timedOut.done == ["c1": .timeout])
        #expect(timedOut.details("c1") == ["wait_seconds": 120])
        #expect(timedOut.logLines.map(\.brief) == ["timeout q=q call=c1 wait=120"])
    }

    @Test func theEnqueueTimeoutOverridesTheQueuesMaxWait() {
        var acd = Self.busyQueue(Self.queue(maxWait: 120))
        acd.join("short", queue: "q", maxWait: 30)
        acd.join("long", queue: "q", maxWait: 600)
        #expect(acd.advance(by: 30).done == ["short": .timeout])
        #expect(acd.advance(by: 500).done.isEmpty)
        #expect(acd.advance(by: 70).done == ["long": .timeout])
    }

    @Test func aCallerRingingAtItsMaxWaitLeavesAndTheAgentStopsRinging() {
        var acd = ACDDriver(Self.queue(maxWait: 10), agents: ["1001"])
        acd.staff("1001")
        acd.join("c1", queue: "q")
        let timedOut = acd.advance(by: 10)
        #expect(timedOut.cancelledOffers == [Offer(callID: "c1", agent: "1001")])
        #expect(timedOut.done == ["c1": .timeout])
        #expect(acd.status("1001") == .available)
    }

    @Test func exitKeyLeavesWithKeyAndItsWait() {
        var acd = Self.busyQueue()
        acd.join("c1", queue: "q")
        let left = acd.advance(by: 42, then: .callerLeft(callID: "c1", reason: .exitKey))
        #expect(left.done == ["c1": .key])
        #expect(left.details("c1") == ["wait_seconds": 42])
        #expect(left.logLines.map(\.brief) == ["exit_key q=q call=c1 wait=42"])
        #expect(acd.waiting("q").isEmpty)
    }

    @Test func announcementsEveryNSecondsWithTheRightPositions() {
        var settings = Self.queue(announcePosition: true, announceWait: true)
        settings.announceEverySeconds = 30
        var acd = Self.busyQueue(settings)
        acd.join("c1", queue: "q")
        acd.advance(by: 10)
        acd.join("c2", queue: "q", priority: 5)
        let first = acd.advance(by: 20)
        // c1's first announcement, 30 s after it joined: c2 has gone ahead. One agent, no call ended
        // yet: 120 s of talk assumed per caller.
        #expect(first.announcements.map(\.callID) == ["c1"])
        #expect(first.announcements.first?.position == 2)
        #expect(first.announcements.first?.wait == 240)
        let second = acd.advance(by: 10)
        #expect(second.announcements.map { "\($0.callID)@\($0.position ?? 0)" } == ["c2@1"])
        let third = acd.advance(by: 30)
        #expect(third.announcements.map { "\($0.callID)@\($0.position ?? 0)" } == ["c1@2", "c2@1"])
        // Once c2 is served, c1 is first.
        acd.advance(by: 1, then: .conversationEnded(callID: "busy", by: .agent))
        acd.send(.offerAnswered(callID: "c2", agent: "1001"))
        let fourth = acd.advance(by: 29)
        #expect(fourth.announcements.map { "\($0.callID)@\($0.position ?? 0)" } == ["c1@1"])
    }

    @Test func announcementsCarryOnlyWhatIsSwitchedOn() {
        var acd = Self.busyQueue(Self.queue(announcePosition: false, announceWait: true))
        acd.join("c1", queue: "q")
        let announced = acd.advance(by: 30).announcements
        #expect(announced.count == 1)
        #expect(announced[0].position == nil)
        #expect(announced[0].wait != nil)
        var silent = Self.busyQueue(Self.queue())
        #expect(silent.join("c1", queue: "q").contains { if case .startTimer = $0 { true } else { false } })
        #expect(silent.advance(by: 200).announcements.isEmpty)
    }

    @Test func estimatedWaitUsesTheQueuesAverageTalkAndWrapUp() {
        var settings = Self.queue(announceWait: true)
        settings.wrapUpSeconds = 10
        var acd = ACDDriver(settings, agents: ["1001", "1002"])
        acd.staff("1001", "1002")
        for (callID, agent, talk) in [("a", "1001", 50.0), ("b", "1002", 70.0)] {
            acd.join(callID, queue: "q")
            acd.complete(callID, agent: agent, talk: talk)
            acd.advance(by: 10)
        }
        acd.join("x", queue: "q")
        acd.send(.offerAnswered(callID: "x", agent: "1001"))
        acd.join("y", queue: "q")
        acd.send(.offerAnswered(callID: "y", agent: "1002"))
        acd.join("c1", queue: "q")
        acd.join("c2", queue: "q")
        let announced = acd.advance(by: 30).announcements
        // (60 s average talk + 10 s wrap-up) × position ÷ 2 agents.
        #expect(announced.map(\.wait) == [35, 70])
    }

    @Test func snapshotShowsTheLineAndTheAgents() {
        var acd = Self.busyQueue()
        acd.join("c1", queue: "q", priority: 3)
        acd.advance(by: 12.5)
        let snapshot = acd.machine.snapshot()
        let queue = snapshot.queues[0]
        #expect(queue.name == "q")
        #expect(queue.talking == 1)
        #expect(queue.agents == ["1001"])
        #expect(queue.waiting == [
            ACDSnapshot.Caller(callID: "c1", priority: 3, waitedSeconds: 0, position: 1, ringing: [], callerNumber: "+1555c1")
        ])
        #expect(acd.machine.snapshot(at: acd.now).queues[0].waiting[0].waitedSeconds == 12.5)
        let agent = snapshot.agents[0]
        #expect(agent.status == .onCall(callID: "busy"))
        #expect(agent.registered)
        #expect(agent.queues == ["q"])
        #expect(agent.callsTaken == 1)
        #expect(agent.idleSince == 1000)
        #expect(queue.figures.entered == 2)
        #expect(queue.figures.answered == 1)
    }

    @Test func unknownQueueAndDuplicateCallerAreRefused() {
        var acd = Self.busyQueue()
        #expect(acd.join("c1", queue: "nope").refusals == [.unknownQueue("nope")])
        acd.join("c1", queue: "q")
        #expect(acd.join("c1", queue: "q").refusals == [.alreadyQueued(callID: "c1")])
        #expect(acd.send(.callerLeft(callID: "zz", reason: .abandon)).refusals == [.unknownCaller(callID: "zz")])
    }
}
