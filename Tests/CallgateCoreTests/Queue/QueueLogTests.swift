@testable import CallgateCore
import Testing

/// The queue log of whole calls, line by line, and every effect of the simplest one.
@Suite("QueueMachine: queue log")
struct QueueLogTests {
    static let support = QueueSettings(name: "support", wrapUpSeconds: 10, announcePosition: false, announceWait: false)

    @Test func oneCompleteCallEffectByEffect() {
        var machine = QueueMachine(
            queues: [Self.support], agents: [AgentProfile(extension: "1001", name: "Alice", queues: ["support"])],
            random: SeededRandom(seed: 1), at: 1_700_000_000)
        #expect(machine.handle(.agentRegistered("1001"), at: 1_700_000_000).isEmpty)
        #expect(machine.handle(.agentLogin("1001", queues: nil), at: 1_700_000_000) == [
            .log(QueueLogEntry(time: 1_700_000_000, queue: "support", agent: "1001", event: .login)),
            .agentStatus("1001", .available, reason: .login),
        ])
        let ticket = CallerTicket(callID: "c1", queue: "support", callerNumber: "+15550001")
        let t0 = 1_700_000_100.0
        let maxWait = ACDTimer(kind: .maxWait(callID: "c1"), generation: 1)
        let ring = ACDTimer(kind: .ringTimeout(callID: "c1"), generation: 2)
        #expect(machine.handle(.callerJoined(ticket), at: t0) == [
            .log(QueueLogEntry(time: t0, queue: "support", callID: "c1", event: .enter)),
            .startTimer(maxWait, seconds: 300),
            .agentStatus("1001", .ringing(callID: "c1"), reason: .offer),
            .offer(callID: "c1", agent: "1001"),
            .log(QueueLogEntry(time: t0, queue: "support", callID: "c1", agent: "1001", event: .offer)),
            .startTimer(ring, seconds: 15),
        ])
        #expect(machine.handle(.offerAnswered(callID: "c1", agent: "1001"), at: t0 + 4.25) == [
            .cancelTimer(ring),
            .cancelTimer(maxWait),
            .agentStatus("1001", .onCall(callID: "c1"), reason: .answered),
            .connected(callID: "c1", agent: "1001"),
            .log(QueueLogEntry(time: t0 + 4.25, queue: "support", callID: "c1", agent: "1001", event: .connect, waitSeconds: 4.25)),
        ])
        let wrapUp = ACDTimer(kind: .wrapUp(agent: "1001"), generation: 3)
        #expect(machine.handle(.conversationEnded(callID: "c1", by: .agent), at: t0 + 184.25) == [
            .log(QueueLogEntry(
                time: t0 + 184.25, queue: "support", callID: "c1", agent: "1001", event: .completeAgent, waitSeconds: 4.25,
                talkSeconds: 180)),
            .callerDone(callID: "c1", reason: .agentHangup, details: ["wait_seconds": 4.25, "agent": "1001", "talk_seconds": 180]),
            .startTimer(wrapUp, seconds: 10),
            .agentStatus("1001", .wrapUp(until: t0 + 194.25), reason: .conversationEnded),
        ])
        #expect(machine.handle(.timerFired(wrapUp), at: t0 + 194.25) == [.agentStatus("1001", .available, reason: .wrapUpDone)])
        let agent = machine.snapshot().agents[0]
        #expect(agent.callsTaken == 1)
        #expect(agent.talkSeconds == 180)
        #expect(agent.idleSince == t0 + 194.25)
        let figures = machine.snapshot().queues[0].figures
        #expect(figures.entered == 1)
        #expect(figures.answered == 1)
        #expect(figures.answeredWithinServiceLevel == 1)
        #expect(figures.completed == 1)
        #expect(figures.serviceLevel == 1)
        #expect(figures.averageTalkSeconds == 180)
    }

    @Test func theLogOfABusyMorning() {
        var acd = ACDDriver(Self.support, agents: ["1001", "1002"])
        acd.staff("1001", "1002")
        acd.send(.agentPause("1002", reason: "coffee"))
        acd.join("c1", queue: "support")
        acd.advance(by: 2)
        acd.join("c2", queue: "support")
        acd.advance(by: 15)
        acd.advance(by: 3, then: .callerLeft(callID: "c2", reason: .abandon))
        acd.advance(by: 2)
        acd.send(.offerAnswered(callID: "c1", agent: "1001"))
        acd.advance(by: 100, then: .conversationEnded(callID: "c1", by: .caller))
        acd.send(.agentUnpause("1002"))
        let lines = acd.machine.snapshot().queues[0].figures
        #expect(lines.entered == 2)
        #expect(lines.abandoned == 1)
        #expect(lines.answered == 1)
        #expect(lines.answeredWithinServiceLevel == 0)
        #expect(lines.serviceLevel == 0)
        #expect(lines.averageWaitSeconds == 22)
    }

    @Test func everyLineOfACallThatRangOutThenWasAnswered() {
        var acd = ACDDriver(Self.support, agents: ["1001", "1002"])
        acd.staff("1001", "1002")
        var lines: [String] = []
        lines += acd.join("c1", queue: "support").logLines.map(\.brief)
        lines += acd.advance(by: 20).logLines.map(\.brief)
        lines += acd.send(.offerAnswered(callID: "c1", agent: "1002")).logLines.map(\.brief)
        lines += acd.advance(by: 42, then: .conversationEnded(callID: "c1", by: .caller)).logLines.map(\.brief)
        #expect(lines == [
            "enter q=support call=c1",
            "offer q=support call=c1 agent=1001",
            "ring_no_answer q=support call=c1 agent=1001 reason=no_answer",
            "offer q=support call=c1 agent=1002",
            "connect q=support call=c1 agent=1002 wait=20",
            "complete_caller q=support call=c1 agent=1002 wait=20 talk=42",
        ])
    }

    @Test func aHangupAfterTheAnswerCompletesTheConversation() {
        var acd = ACDDriver(Self.support, agents: ["1001"])
        acd.staff("1001")
        acd.join("c1", queue: "support")
        acd.advance(by: 3, then: .offerAnswered(callID: "c1", agent: "1001"))
        #expect(acd.send(.callerLeft(callID: "c1", reason: .exitKey)).refusals == [.notWaiting(callID: "c1")])
        let ended = acd.advance(by: 50, then: .callerLeft(callID: "c1", reason: .abandon))
        #expect(ended.logLines.map(\.brief) == ["complete_caller q=support call=c1 agent=1001 wait=3 talk=50"])
        #expect(ended.done.isEmpty)
        #expect(acd.status("1001") == .wrapUp(until: 1064))
        #expect(acd.send(.conversationEnded(callID: "c1", by: .agent)).refusals == [.unknownCaller(callID: "c1")])
    }
}
