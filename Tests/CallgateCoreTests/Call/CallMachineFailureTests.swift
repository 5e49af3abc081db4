@testable import CallgateCore
import Testing

/// A failing scenario selects the route's fallback; the caller never hears silence.
@Suite("CallMachine: scenario failures and fallbacks")
struct CallMachineFailureTests {
    static let errorPrompt = CallEffect.startPrompt(.play(Play(file: "error.wav")))
    static let crash = ScenarioFailure.exitStatus(code: 1, stderrTail: "boom")

    @Test func theDefaultFallbackPlaysTheErrorPromptThenHangsUp() {
        var machine = CallMachine.started()
        let failed = machine.handle(.failed(Self.crash), at: 1)
        #expect(failed.steps == [.answer, Self.errorPrompt])
        #expect(failed.trail.contains(.failure(Self.crash, event: .callStart, role: .primary)))
        #expect(failed.trail.contains(.fallback("error prompt, then hang up")))
        #expect(failed.trail.contains(.action(.play(Play(file: "error.wav")), index: nil)))
        #expect(!machine.isEnded)

        let end = machine.handle(.promptFinished, at: 4)
        #expect(end.stepsBeforeEnd == [.hangup(reason: "scenario error")])
        let record = end.record
        #expect(record?.disposition == "failed")
        #expect(record?.hangupBy == "engine")
        #expect(record?.errors.count == 1)
        #expect(record?.errors.first?.at == 1)
        #expect(record?.errors.first?.event == .callStart)
        #expect(record?.errors.first?.role == .primary)
        #expect(record?.errors.first?.code == "exit_status")
        #expect(record?.errors.first?.message == "scenario exited with status 1; stderr ends: boom")
        #expect(end.endEvent?.result["disposition"] == "failed")
    }

    @Test func theErrorPromptIsConfigurable() {
        var machine = CallMachine.started(.init(errorPrompt: "sorry.wav"))
        #expect(machine.handle(.failed(.timeout(seconds: 5)), at: 5).steps == [.answer, .startPrompt(.play(Play(file: "sorry.wav")))])
    }

    @Test func aFailureOnAnAnsweredCallDoesNotAnswerAgain() {
        var machine = CallMachine.started()
        _ = machine.handle(.reply(.gather(Gather())), at: 1)
        _ = machine.handle(.dtmf("1"), at: 2)
        #expect(machine.handle(.failed(.notJSON(detail: "x")), at: 2.1).steps == [Self.errorPrompt])
    }

    @Test func aFallbackScenarioGetsTheSameEventWithTheError() {
        var machine = CallMachine.started(.init(fallback: .scenario("fallback.sh")))
        let failed = machine.handle(.failed(Self.crash), at: 1)
        #expect(failed.steps == [.runScenario(.of(.callStart, .ringing, error: Self.crash), role: .fallback)])
        #expect(failed.trail.contains(.fallback("fallback scenario fallback.sh")))
        #expect(machine.role == .fallback)
        #expect(machine.record.eventsSent == 2)

        // The fallback now handles the call, and every later event.
        _ = machine.handle(.reply(.gather(Gather())), at: 1.5)
        let done = machine.handle(.dtmf("3"), at: 3)
        let event = ScenarioEvent.of(.gatherDone, .answered, result: ["digits": "3", "reason": "complete"])
        #expect(done.steps == [.cancelTimer(CallTimer(kind: .gather, generation: 1)), .runScenario(event, role: .fallback)])
    }

    @Test func aLaterFailureResendsThatEventWithItsResult() {
        var machine = CallMachine.started(.init(fallback: .scenario("fallback.sh")))
        _ = machine.handle(.reply(.gather(Gather(maxDigits: 2))), at: 1)
        _ = machine.handle(.dtmf("4"), at: 2)
        _ = machine.handle(.dtmf("2"), at: 3)
        let failed = machine.handle(.reply(.reject(Reject())), at: 3.5)
        let refused = ReplyError(
            field: "actions[0]",
            problem: "reject is only possible before the call is answered (the call was answered before this reply); use hangup"
        )
        let event = ScenarioEvent.of(.gatherDone, .answered, result: ["digits": "42", "reason": "complete"], error: .notAllowed(refused))
        #expect(failed.steps == [.runScenario(event, role: .fallback)])
        #expect(event.error == ["code": "not_allowed", "field": "actions[0]", "message": .string("scenario reply not allowed now: \(refused)")])
    }

    @Test func aFailingFallbackScenarioEndsWithTheErrorPrompt() {
        var machine = CallMachine.started(.init(fallback: .scenario("fallback.sh")))
        _ = machine.handle(.failed(Self.crash), at: 1)
        let failed = machine.handle(.failed(.notFound(path: "fallback.sh")), at: 1.2)
        #expect(failed.steps == [.answer, Self.errorPrompt])
        #expect(machine.record.errors.map(\.role) == [.primary, .fallback])
        #expect(machine.record.errors.map(\.code) == ["exit_status", "not_found"])
        let end = machine.handle(.promptFinished, at: 3)
        #expect(end.record?.disposition == "failed")
        #expect(end.endEvent != nil)
    }

    @Test func aFallbackQueueTakesTheCaller() {
        var machine = CallMachine.started(.init(fallback: .queue("operators")))
        let failed = machine.handle(.failed(Self.crash), at: 1)
        #expect(failed.steps == [.answer, .enqueue(Enqueue(queue: "operators"))])
        #expect(failed.trail.contains(.fallback("fallback queue operators")))
        #expect(machine.role == .primary)
    }

    @Test func aFallbackQueueTimeoutEndsWithTheErrorPrompt() {
        var machine = CallMachine.started(.init(fallback: .queue("operators")))
        _ = machine.handle(.failed(Self.crash), at: 1)
        #expect(machine.handle(.queueLeft(reason: "timeout", details: [:]), at: 300).steps == [Self.errorPrompt])
        let end = machine.handle(.promptFinished, at: 303)
        #expect(end.stepsBeforeEnd == [.hangup(reason: "scenario error")])
        #expect(end.record?.disposition == "failed")
    }

    @Test func aFallbackQueueCallThatAnAgentTookEndsCompleted() {
        var machine = CallMachine.started(.init(fallback: .queue("operators")))
        _ = machine.handle(.failed(Self.crash), at: 1)
        let end = machine.handle(.queueLeft(reason: "agent_hangup", details: ["agent": "201"]), at: 90)
        #expect(end.stepsBeforeEnd == [.hangup(reason: "fallback queue ended")])
        #expect(end.record?.disposition == "completed")
        #expect(end.record?.hangupBy == "engine")
        #expect(end.events.isEmpty, "the failed scenario is not asked again")
    }

    @Test func tooManyEventsEndsWithTheErrorPrompt() {
        var machine = CallMachine.started(.init(fallback: .scenario("fallback.sh"), maxEvents: 2))
        _ = machine.handle(.reply(.gather(Gather())), at: 1)
        #expect(machine.handle(.dtmf("1"), at: 2).events.count == 1)
        _ = machine.handle(.reply(.gather(Gather())), at: 2.5)
        let third = machine.handle(.dtmf("1"), at: 3)
        #expect(third.steps == [.cancelTimer(CallTimer(kind: .gather, generation: 2)), Self.errorPrompt])
        #expect(machine.record.eventsSent == 2)
        #expect(machine.record.errors.map(\.code) == ["too_many_events"])
        #expect(machine.record.errors.first?.event == .gatherDone)
        #expect(machine.role == .primary, "a loop is not the scenario's failure to hand over")
    }

    @Test func theEventLimitCoversTheFallbacksResend() {
        var machine = CallMachine.started(.init(fallback: .scenario("fallback.sh"), maxEvents: 1))
        let failed = machine.handle(.failed(Self.crash), at: 1)
        #expect(failed.steps == [.answer, Self.errorPrompt])
        #expect(machine.record.errors.map(\.code) == ["exit_status", "too_many_events"])
    }
}
