@testable import CallgateCore
import Testing

/// The call's first steps: `call.start`, answering, early media, reject and hangup.
@Suite("CallMachine: answer, play, reject, hangup")
struct CallMachineTests {
    let welcome = Play(file: "welcome.wav")

    @Test func startSendsCallStart() {
        var machine = CallMachine(call: testCall)
        let effects = machine.handle(.start, at: 0)
        #expect(effects.steps == [.runScenario(.of(.callStart, .ringing), role: .primary)])
        #expect(effects.trail == [.event(.of(.callStart, .ringing), role: .primary)])
        #expect(machine.record.eventsSent == 1)
    }

    @Test func startCarriesTheInitialVars() {
        var machine = CallMachine(call: testCall, vars: ["campaign": "spring"])
        #expect(machine.handle(.start, at: 0).events == [.of(.callStart, .ringing, vars: ["campaign": "spring"])])
    }

    @Test func answerThenPlayWaitsForThePrompt() {
        var machine = CallMachine.started()
        let effects = machine.handle(.reply(.answer(Answer()), .play(welcome)), at: 0.2)
        #expect(effects.steps == [.answer, .startPrompt(.play(welcome))])
        #expect(effects.trail.contains(.action(.answer(Answer()), index: 0)))
        #expect(effects.trail.contains(.action(.play(welcome), index: 1)))
        #expect(machine.info.state == .answered)
        #expect(machine.record.answeredAt == 0.2)
        #expect(!machine.isEnded)
    }

    @Test func runningOutOfActionsHangsUp() {
        var machine = CallMachine.started()
        _ = machine.handle(.reply(.answer(Answer()), .play(welcome)), at: 0.2)
        let effects = machine.handle(.promptFinished, at: 3)
        #expect(effects.stepsBeforeEnd == [.hangup(reason: "the actions ran out")])
        #expect(effects.steps.count == 3)
        #expect(effects.endEvent?.event == .callEnd)
        #expect(effects.record?.disposition == "completed")
        #expect(effects.record?.hangupBy == "scenario")
        #expect(machine.isEnded)
    }

    @Test("media actions answer the call first", arguments: [
        Action.play(Play(file: "welcome.wav")),
        .say(Say(text: "Hello")),
        .gather(Gather()),
        .record(Record()),
        .enqueue(Enqueue(queue: "sales")),
    ])
    func implicitAnswer(action: Action) {
        var machine = CallMachine.started()
        let effects = machine.handle(.reply(action), at: 1)
        #expect(effects.steps.first == .answer)
        #expect(effects.trail.contains(.action(.answer(Answer()), index: nil)))
        #expect(effects.trail.contains(.action(action, index: 0)))
        #expect(machine.info.state == .answered)
    }

    @Test func answeringTwiceAnswersOnce() {
        var machine = CallMachine.started()
        let effects = machine.handle(.reply(.answer(Answer()), .answer(Answer()), .play(welcome)), at: 1)
        #expect(effects.steps == [.answer, .startPrompt(.play(welcome))])
    }

    @Test func setDoesNotAnswerButTransferDoes() {
        var machine = CallMachine.started()
        let transfer = Transfer(to: "201")
        #expect(machine.handle(.reply(.set(SetVars(vars: ["a": 1])), .play(Play(file: "x.wav", early: true))), at: 1).steps
            == [.earlyMedia, .startPrompt(.play(Play(file: "x.wav", early: true)))])
        #expect(machine.info.state == .early)
        _ = machine.handle(.promptFinished, at: 2)
        #expect(machine.isEnded)
        var second = CallMachine.started()
        // The caller hears ringback while the target rings: the call is answered first.
        #expect(second.handle(.reply(.transfer(transfer)), at: 1).steps == [.answer, .transfer(transfer)])
        #expect(second.info.state == .answered)
    }

    @Test func earlyPlayGivesEarlyMediaWithoutAnswering() {
        var machine = CallMachine.started()
        let early = Play(file: "ringback.wav", early: true)
        let effects = machine.handle(.reply(.play(early), .say(Say(text: "Please hold", early: true))), at: 0.5)
        #expect(effects.steps == [.earlyMedia, .startPrompt(.play(early))])
        #expect(machine.info.state == .early)
        #expect(machine.handle(.promptFinished, at: 2).steps == [.startPrompt(.say(Say(text: "Please hold", early: true)))])
        let end = machine.handle(.promptFinished, at: 4)
        #expect(end.stepsBeforeEnd == [.reject(code: 603, reason: nil)])
        #expect(end.record?.disposition == "rejected")
        #expect(end.record?.answeredAt == nil)
    }

    @Test func earlyMediaThenAGatherAnswers() {
        var machine = CallMachine.started()
        let early = Play(file: "ringback.wav", early: true)
        _ = machine.handle(.reply(.play(early), .gather(Gather())), at: 0.5)
        let effects = machine.handle(.promptFinished, at: 2)
        #expect(effects.steps == [
            .answer, .collectDigits(Gather()), .startTimer(CallTimer(kind: .gather, generation: 1), seconds: 5),
        ])
    }

    @Test func rejectBeforeAnswer() {
        var machine = CallMachine.started()
        let effects = machine.handle(.reply(.reject(Reject(code: 486, reason: "Busy Here"))), at: 0.3)
        #expect(effects.stepsBeforeEnd == [.reject(code: 486, reason: "Busy Here")])
        #expect(effects.record?.disposition == "rejected")
        #expect(effects.record?.hangupBy == "scenario")
        #expect(effects.record?.hangupReason == "Busy Here")
        #expect(effects.endEvent?.result["answered"] == false)
    }

    /// Without a reason the SIP edge uses the code's standard phrase; the record still says what happened.
    @Test func rejectWithoutReasonLeavesThePhraseToTheEdge() {
        var machine = CallMachine.started()
        let effects = machine.handle(.reply(.reject(Reject(code: 486))), at: 0.3)
        #expect(effects.stepsBeforeEnd == [.reject(code: 486, reason: nil)])
        #expect(effects.record?.hangupReason == "rejected with 486")
    }

    @Test func rejectAfterEarlyMedia() {
        var machine = CallMachine.started()
        _ = machine.handle(.reply(.play(Play(file: "closed.wav", early: true)), .reject(Reject(code: 480))), at: 0.3)
        let effects = machine.handle(.promptFinished, at: 5)
        #expect(effects.stepsBeforeEnd == [.reject(code: 480, reason: nil)])
    }

    @Test func rejectAfterAnswerIsNotAllowed() {
        var machine = CallMachine.started()
        let effects = machine.handle(.reply(.answer(Answer()), .reject(Reject(code: 486))), at: 0.3)
        #expect(effects.steps == [.answer, .startPrompt(.play(Play(file: "error.wav")))])
        #expect(machine.record.errors.map(\.code) == ["not_allowed"])
        let failure = effects.trail.compactMap { if case .failure(let f, _, _) = $0 { f } else { nil } }.first
        guard case .notAllowed(let error)? = failure else {
            Issue.record("expected a not_allowed failure, got \(String(describing: failure))")
            return
        }
        #expect(error.field == "actions[1]")
    }

    @Test func rejectOnAnAnsweredCallIsNotAllowed() {
        var machine = CallMachine.started()
        _ = machine.handle(.reply(.gather(Gather())), at: 0.3)
        _ = machine.handle(.dtmf("1"), at: 2)
        let effects = machine.handle(.reply(.reject(Reject())), at: 2.1)
        #expect(effects.steps == [.startPrompt(.play(Play(file: "error.wav")))])
        #expect(machine.record.errors.first?.event == .gatherDone)
    }

    @Test func hangupBeforeAnswerDeclines() {
        var machine = CallMachine.started()
        let effects = machine.handle(.reply(.hangup(Hangup())), at: 0.3)
        #expect(effects.stepsBeforeEnd == [.reject(code: 603, reason: nil)])
        #expect(effects.record?.disposition == "rejected")
        #expect(effects.record?.hangupReason == "normal")
    }

    @Test func hangupAfterAnswer() {
        var machine = CallMachine.started()
        let effects = machine.handle(.reply(.answer(Answer()), .hangup(Hangup(reason: "done"))), at: 0.3)
        #expect(effects.stepsBeforeEnd == [.answer, .hangup(reason: "done")])
        #expect(effects.record?.disposition == "completed")
        #expect(effects.record?.hangupReason == "done")
    }

    @Test func anEmptyReplyOnARingingCallDeclines() {
        var machine = CallMachine.started()
        let effects = machine.handle(.reply(), at: 0.3)
        #expect(effects.stepsBeforeEnd == [.reject(code: 603, reason: nil)])
        #expect(effects.record?.hangupReason == "the actions ran out")
    }
}
