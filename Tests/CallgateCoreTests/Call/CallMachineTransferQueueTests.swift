@testable import CallgateCore
import Testing

/// `transfer` and `enqueue`: the edge reports how they ended, the scenario hears it as an event.
@Suite("CallMachine: transfer and enqueue")
struct CallMachineTransferQueueTests {
    @Test func transferEndsWithTransferDone() {
        var machine = CallMachine.started()
        let transfer = Transfer(to: "201", timeout: 20)
        #expect(machine.handle(.reply(.answer(Answer()), .transfer(transfer)), at: 1).steps == [.answer, .transfer(transfer)])
        let ended = machine.handle(.transferEnded(reason: "busy", details: ["sip_status": 486]), at: 3)
        let event = ScenarioEvent.of(.transferDone, .answered, result: ["reason": "busy", "to": "201", "sip_status": 486])
        #expect(ended.steps == [.runScenario(event, role: .primary)])
    }

    @Test func theMachinesReasonAndTargetWinOverDetails() {
        var machine = CallMachine.started()
        _ = machine.handle(.reply(.transfer(Transfer(to: "201"))), at: 1)
        let ended = machine.handle(.transferEnded(reason: "no_answer", details: ["reason": "other", "to": "999"]), at: 31)
        #expect(ended.events.first?.result == ["reason": "no_answer", "to": "201"])
        #expect(ended.events.first?.call.state == .answered)
    }

    @Test func aTransferEndThatWasNotAskedForIsIgnored() {
        var machine = CallMachine.started()
        #expect(machine.handle(.transferEnded(reason: "ended", details: [:]), at: 1).isEmpty)
    }

    @Test func enqueueEndsWithQueueDone() {
        var machine = CallMachine.started()
        let enqueue = Enqueue(queue: "sales", priority: 5, skills: ["english": 2])
        #expect(machine.handle(.reply(.enqueue(enqueue)), at: 1).steps == [.answer, .enqueue(enqueue)])
        let left = machine.handle(.queueLeft(reason: "timeout", details: ["waited": 300]), at: 301)
        let event = ScenarioEvent.of(.queueDone, .answered, result: ["reason": "timeout", "queue": "sales", "waited": 300])
        #expect(left.steps == [.runScenario(event, role: .primary)])
    }

    @Test func theExitKeyLeavesTheQueue() {
        var machine = CallMachine.started()
        _ = machine.handle(.reply(.enqueue(Enqueue(queue: "sales", exitKey: "0"))), at: 1)
        #expect(machine.handle(.dtmf("5"), at: 10).isEmpty)
        let key = machine.handle(.dtmf("0"), at: 12)
        let event = ScenarioEvent.of(.queueDone, .answered, result: ["reason": "key", "queue": "sales", "key": "0"])
        #expect(key.steps == [.leaveQueue(reason: "key"), .runScenario(event, role: .primary)])
        #expect(key.trail.contains(.dtmf("0")))
        // The queue was told to let go; a late report from it changes nothing.
        #expect(machine.handle(.queueLeft(reason: "timeout", details: [:]), at: 12.1).isEmpty)
    }

    @Test func withoutAnExitKeyKeysAreIgnored() {
        var machine = CallMachine.started()
        _ = machine.handle(.reply(.enqueue(Enqueue(queue: "sales"))), at: 1)
        #expect(machine.handle(.dtmf("0"), at: 2).isEmpty)
        #expect(machine.handle(.dtmf("#"), at: 3).isEmpty)
    }

    @Test func theScenarioContinuesAfterTheQueue() {
        var machine = CallMachine.started()
        _ = machine.handle(.reply(.enqueue(Enqueue(queue: "sales"))), at: 1)
        _ = machine.handle(.queueLeft(reason: "no_agents", details: [:]), at: 2)
        let voicemail = machine.handle(.reply(.say(Say(text: "Nobody is here; leave a message.")), .record(Record())), at: 2.5)
        #expect(voicemail.steps == [.startPrompt(.say(Say(text: "Nobody is here; leave a message.")))])
    }
}
