@testable import CallgateCore
import Testing

/// A call the engine places: dialed first (no scenario run), `call.start` on an answered call once
/// the callee picks up, or a `call.end` saying why nobody did.
@Suite("CallMachine: outbound")
struct CallMachineOutboundTests {
    static let call = CallInfo(id: "out-1", from: "8005550100", to: "5551000", direction: .outbound, state: .ringing)

    @Test func dialingRunsNoScenarioAndTheAnswerSendsCallStartAnswered() {
        var machine = CallMachine(call: Self.call, vars: ["district": "North"])
        let dialing = machine.handle(.start, at: 0)
        #expect(dialing.steps.isEmpty, "nothing to do while the callee rings")
        #expect(dialing.trail == [.note("dialing", ["to": "5551000"])])
        let answered = machine.handle(.calleeAnswered, at: 4.25)
        var started = Self.call
        started.state = .answered
        #expect(answered.steps == [.answer, .runScenario(ScenarioEvent(event: .callStart, call: started, vars: ["district": "North"]), role: .primary)])
        #expect(machine.record.answeredAt == 4.25)
        #expect(machine.handle(.calleeAnswered, at: 5).isEmpty, "answered once")
    }

    @Test func anUnansweredAttemptEndsWithItsDispositionAndNoSIPOfItsOwn() throws {
        var machine = CallMachine(call: Self.call)
        _ = machine.handle(.start, at: 0)
        let failed = machine.handle(.dialFailed(disposition: "busy", status: 486, reason: "486 Busy Here"), at: 1.5)
        let end = try #require(failed.endEvent)
        #expect(end.event == .callEnd)
        #expect(end.result["disposition"] == "busy")
        #expect(end.result["sip_status"] == 486)
        #expect(end.result["answered"] == false)
        #expect(!failed.steps.contains { if case .reject = $0 { true } else { false } }, "the callee's own final answer needs none from us")
        let record = try #require(failed.record)
        #expect(record.disposition == "busy")
        #expect(record.hangupBy == "callee")
        #expect(record.answeredAt == nil)
    }

    @Test func endingWhileItRingsCancelsIt() throws {
        var machine = CallMachine(call: Self.call)
        _ = machine.handle(.start, at: 0)
        let ended = machine.handle(.hangupRequested(by: "api"), at: 2)
        #expect(ended.stepsBeforeEnd == [.reject(code: 603, reason: nil)], "the edge cancels the ringing leg")
        #expect(ended.record?.disposition == "api_hangup")
    }

    @Test func theCalleeHangingUpIsTheCallees() throws {
        var machine = CallMachine(call: Self.call)
        _ = machine.handle(.start, at: 0)
        _ = machine.handle(.calleeAnswered, at: 1)
        _ = machine.handle(.reply(.play(Play(file: "notice.wav"))), at: 1.1)
        let hungUp = machine.handle(.callerHungUp, at: 30)
        #expect(hungUp.record?.disposition == "callee_hangup")
        #expect(hungUp.record?.hangupBy == "callee")
        #expect(!hungUp.steps.contains { if case .hangup = $0 { true } else { false } })
    }

    @Test func inboundCallsIgnoreTheOutboundInputs() {
        var machine = CallMachine.started()
        #expect(machine.handle(.calleeAnswered, at: 1).isEmpty)
        #expect(machine.handle(.dialFailed(disposition: "busy", status: 486, reason: ""), at: 1).isEmpty)
    }

    @Test(arguments: [(486, false, "busy"), (600, false, "busy"), (480, false, "no_answer"), (408, false, "no_answer"),
                      (487, true, "no_answer"), (603, false, "rejected"), (403, false, "rejected"), (404, false, "rejected"),
                      (503, false, "failed"), (488, false, "failed"), (487, false, "failed"), (407, false, "failed")])
    func dispositionOfTheFinalStatus(status: Int, timedOut: Bool, disposition: String) {
        #expect(DialDisposition.of(status: status, ringTimedOut: timedOut) == disposition)
    }
}
