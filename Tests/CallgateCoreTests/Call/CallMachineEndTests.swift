@testable import CallgateCore
import Testing

/// How a call ends: the caller hanging up in every activity, what `call.end` says, and silence afterwards.
@Suite("CallMachine: the end of a call")
struct CallMachineEndTests {
    @Test func callerHangsUpDuringAPrompt() {
        var machine = CallMachine.started()
        _ = machine.handle(.reply(.play(Play(file: "long.wav"))), at: 1)
        let effects = machine.handle(.callerHungUp, at: 7)
        #expect(effects.stepsBeforeEnd == [.stopPrompt], "no hangup: the caller's BYE already ended the dialog")
        #expect(effects.endEvent == .of(.callEnd, .ended, result: [
            "disposition": "caller_hangup", "hangup_by": "caller", "reason": "caller hung up",
            "answered": true, "duration": 7, "talk_seconds": 6,
        ]))
        #expect(effects.steps.last.map { if case .ended = $0 { true } else { false } } == true)
        #expect(machine.isEnded)
        #expect(machine.info.state == .ended)
    }

    @Test("the caller's hangup stops what the call was doing", arguments: [
        (Action.gather(Gather()), [CallEffect.cancelTimer(CallTimer(kind: .gather, generation: 1))]),
        (.gather(Gather(prompt: .play(Play(file: "menu.wav")))), [.stopPrompt]),
        (.enqueue(Enqueue(queue: "sales")), [.leaveQueue(reason: "hangup")]),
        (.transfer(Transfer(to: "201")), []),
    ])
    func callerHangsUpDuring(action: Action, stops: [CallEffect]) {
        var machine = CallMachine.started()
        _ = machine.handle(.reply(action), at: 1)
        let effects = machine.handle(.callerHungUp, at: 2)
        #expect(effects.stepsBeforeEnd == stops)
        #expect(effects.record?.disposition == "caller_hangup")
    }

    @Test func voicemailEndedByHangingUpIsKept() {
        var machine = CallMachine.started()
        _ = machine.handle(.reply(.record(Record())), at: 1)
        let stopping = machine.handle(.callerHungUp, at: 9)
        #expect(stopping.steps == [.cancelTimer(CallTimer(kind: .record, generation: 1)), .stopRecording(reason: "hangup")])
        #expect(!machine.isEnded, "the call waits for the file to be closed")
        let effects = machine.handle(.recordingFinished(file: "recordings/v.wav", seconds: 7.9999, reason: "hangup"), at: 9)
        #expect(effects.record?.disposition == "caller_hangup")
        #expect(effects.record?.recordings == ["recordings/v.wav"])
        #expect(effects.endEvent?.result["recording"] == ["file": "recordings/v.wav", "duration": 8])
    }

    @Test func callerHangsUpDuringTheErrorPrompt() {
        var machine = CallMachine.started()
        _ = machine.handle(.failed(.timeout(seconds: 5)), at: 5)
        let effects = machine.handle(.callerHungUp, at: 6)
        #expect(effects.stepsBeforeEnd == [.stopPrompt])
        #expect(effects.record?.disposition == "caller_hangup")
        #expect(effects.record?.errors.map(\.code) == ["timeout"])
    }

    @Test func callerHangsUpBeforeTheAnswer() {
        var machine = CallMachine.started()
        let effects = machine.handle(.callerHungUp, at: 2.5)
        #expect(effects.stepsBeforeEnd.isEmpty, "a CANCEL needs no reject")
        #expect(effects.endEvent?.result == [
            "disposition": "caller_hangup", "hangup_by": "caller", "reason": "caller hung up",
            "answered": false, "duration": 2.5,
        ])
    }

    @Test func aLateReplyAfterTheCallerHungUpIsIgnored() {
        var machine = CallMachine.started()
        _ = machine.handle(.callerHungUp, at: 1)
        #expect(machine.handle(.reply(.answer(Answer()), .play(Play(file: "welcome.wav"))), at: 1.5).isEmpty)
        #expect(machine.handle(.failed(.timeout(seconds: 5)), at: 5).isEmpty)
    }

    @Test func aReplyNobodyWaitsForIsIgnored() {
        var machine = CallMachine.started()
        _ = machine.handle(.reply(.play(Play(file: "welcome.wav"))), at: 1)
        #expect(machine.handle(.reply(.hangup(Hangup())), at: 1.5).isEmpty)
        #expect(!machine.isEnded)
    }

    @Test("inputs after the end do nothing", arguments: [
        CallInput.start, .reply(.hangup(Hangup())), .failed(.timeout(seconds: 1)), .promptFinished, .dtmf("1"),
        .timerFired(CallTimer(kind: .gather, generation: 1)), .recordingFinished(file: "a.wav", seconds: 1, reason: "silence"),
        .transferEnded(reason: "ended", details: [:]), .queueLeft(reason: "timeout", details: [:]), .callerHungUp,
    ])
    func afterTheEnd(input: CallInput) {
        var machine = CallMachine.started()
        _ = machine.handle(.reply(.answer(Answer()), .hangup(Hangup())), at: 1)
        #expect(machine.isEnded)
        #expect(machine.handle(input, at: 2).isEmpty)
        #expect(machine.record.endedAt == 1)
    }

    @Test func callEndTellsHowTheCallWent() throws {
        var machine = CallMachine.started()
        _ = machine.handle(.reply(.play(Play(file: "welcome.wav")), .hangup(Hangup(reason: "menu done"))), at: 1.25)
        let effects = machine.handle(.promptFinished, at: 31.75)
        #expect(effects.stepsBeforeEnd == [.hangup(reason: "menu done")])
        #expect(effects.endEvent?.call == testCall.inState(.ended))
        #expect(effects.endEvent?.result == [
            "disposition": "completed", "hangup_by": "scenario", "reason": "menu done",
            "answered": true, "duration": 31.75, "talk_seconds": 30.5,
        ])
        let end = try #require(effects.endEvent)
        #expect(effects.steps.dropFirst().first == .notifyScenario(end, role: .primary))
    }

    @Test func theRecordSumsUpTheCall() {
        var machine = CallMachine.started()
        _ = machine.handle(.reply(.set(SetVars(vars: ["n": 1])), .gather(Gather())), at: 2)
        _ = machine.handle(.dtmf("1"), at: 4)
        let record = machine.handle(.reply(.hangup(Hangup(reason: "bye"))), at: 5).record
        var expected = CallRecord(call: testCall)
        expected.answeredAt = 2
        expected.endedAt = 5
        expected.disposition = "completed"
        expected.hangupBy = "scenario"
        expected.hangupReason = "bye"
        expected.eventsSent = 2
        expected.vars = ["n": 1]
        #expect(record == expected)
        #expect(machine.record == expected)
    }

    @Test func timeNeverRunsBackwards() {
        var machine = CallMachine.started()
        _ = machine.handle(.reply(.play(Play(file: "welcome.wav"))), at: 10)
        let effects = machine.handle(.callerHungUp, at: 4)
        #expect(effects.endEvent?.result["duration"] == 10)
    }
}
