@testable import CallgateCore
import Testing

/// What the edge reports when it cannot do its part: the caller still hears something, the call still ends.
@Suite("CallMachine: edge failures and media timeout")
struct CallMachineEdgeFailureTests {
    @Test func unplayablePromptSelectsTheFallback() {
        var machine = CallMachine.started()
        _ = machine.handle(.reply(.play(Play(file: "missing.wav"))), at: 1)
        let effects = machine.handle(.actionFailed(.actionFailed(action: "play", detail: "not found")), at: 1)
        #expect(effects.steps == [.stopPrompt, .startPrompt(.play(Play(file: "error.wav")))])
        #expect(machine.record.errors.map(\.code) == ["action_failed"])
    }

    @Test func failingErrorPromptEndsTheCall() {
        var machine = CallMachine.started()
        _ = machine.handle(.scenarioFinished(.failure(.timeout(seconds: 3))), at: 3)
        let effects = machine.handle(.actionFailed(.actionFailed(action: "play", detail: "error.wav not found")), at: 3)
        #expect(effects.steps.contains(.hangup(reason: "the error prompt could not be played")))
        #expect(machine.isEnded)
        #expect(machine.record.disposition == "failed")
    }

    @Test func unavailableEnqueueSelectsTheFallbackQueueless() {
        var machine = CallMachine.started()
        _ = machine.handle(.reply(.enqueue(Enqueue(queue: "support"))), at: 1)
        let effects = machine.handle(.actionFailed(.actionFailed(action: "enqueue", detail: "queues are not available yet")), at: 1)
        #expect(effects.steps == [.leaveQueue(reason: "failed"), .startPrompt(.play(Play(file: "error.wav")))])
    }

    @Test func actionFailureWhileWaitingForAReplyIsIgnored() {
        var machine = CallMachine.started()
        #expect(machine.handle(.actionFailed(.actionFailed(action: "play", detail: "late")), at: 1).isEmpty)
    }

    @Test func mediaTimeoutHangsUpAndRecordsWhy() {
        var machine = CallMachine.started()
        _ = machine.handle(.reply(.answer(Answer()), .play(Play(file: "menu.wav"))), at: 1)
        let effects = machine.handle(.mediaTimeout, at: 31)
        #expect(effects.steps.prefix(2) == [.stopPrompt, .hangup(reason: "no media from the caller")])
        #expect(machine.record.disposition == "rtp_timeout")
        #expect(machine.record.hangupBy == "engine")
    }
}

@Suite("CallMachine: a failing fallback queue")
struct CallMachineFallbackQueueTests {
    @Test func fallbackQueueThatFailsEndsWithTheErrorPromptNotALoop() {
        var machine = CallMachine(call: CallInfo(id: "q", from: "1", to: "2"), configuration: CallConfiguration(fallback: .queue("support")))
        _ = machine.handle(.start, at: 0)
        let first = machine.handle(.scenarioFinished(.failure(.timeout(seconds: 3))), at: 3)
        #expect(first.steps.contains(.enqueue(Enqueue(queue: "support"))))
        let second = machine.handle(.actionFailed(.actionFailed(action: "enqueue", detail: "no queues")), at: 3)
        #expect(!second.steps.contains(.enqueue(Enqueue(queue: "support"))))
        #expect(second.steps.last == .startPrompt(.play(Play(file: "error.wav"))))
    }
}
