@testable import CallgateCore
import Testing

/// `record_pause` and `record_resume`, and the controls from outside the call (the API): a pause in
/// the trail with who asked, and a hangup that ends the call as `api_hangup`.
@Suite("CallMachine: record_pause, record_resume and API controls")
struct CallMachineRecordPauseTests {
    @Test func pauseAndResumeTakeEffectAtOnceAndTheListGoesOn() {
        var machine = CallMachine.started()
        let effects = machine.handle(.reply(.recordPause(), .say(Say(text: "Your card number, please")), .recordResume(),
                                            .hangup(Hangup())), at: 1)
        let steps = effects.steps
        let pause = steps.firstIndex(of: .setRecordingPaused(true)), resume = steps.firstIndex(of: .setRecordingPaused(false))
        #expect(pause != nil && resume == nil, "the resume waits for the prompt: \(steps)")
        #expect(effects.trail.contains(.recordingPaused(true, by: "scenario")))
        #expect(!machine.isEnded)
        let after = machine.handle(.promptFinished, at: 4)
        #expect(after.steps.first == .setRecordingPaused(false))
        #expect(after.trail.contains(.recordingPaused(false, by: "scenario")))
        #expect(machine.isEnded)
    }

    @Test func pausingNeedsNoAnswer() {
        var machine = CallMachine.started()
        let effects = machine.handle(.reply(.recordPause(), .reject(Reject())), at: 1)
        #expect(effects.steps.first == .setRecordingPaused(true))
        #expect(!effects.steps.contains(.answer))
    }

    @Test func theTrailEntryNamesWhoPausedAndWhen() {
        let entry = TrailEntry(at: 12.3456, step: .recordingPaused(true, by: "api"))
        #expect(entry.kind == "record_pause")
        #expect(entry.json == ["at": 12.346, "kind": "record_pause", "by": "api"])
        #expect(TrailEntry(at: 1, step: .recordingPaused(false, by: "scenario")).kind == "record_resume")
    }

    @Test func anAPIPauseIsNotedAndPassedOnWhateverTheCallDoes() {
        var machine = CallMachine.started()
        _ = machine.handle(.reply(.record(Record())), at: 1)
        let effects = machine.handle(.recordingPaused(true, by: "api"), at: 5)
        #expect(effects.steps == [.setRecordingPaused(true)])
        #expect(effects.trail == [.recordingPaused(true, by: "api")])
        // The recording goes on: its terminator still stops it.
        #expect(machine.handle(.dtmf("#"), at: 6).steps.contains(.stopRecording(reason: "terminator")))
    }

    @Test func anAPIHangupEndsTheCallWithItsOwnDisposition() {
        var machine = CallMachine.started()
        _ = machine.handle(.reply(.say(Say(text: "Hello")), .hangup(Hangup())), at: 1)
        let effects = machine.handle(.hangupRequested(by: "api"), at: 3)
        #expect(effects.stepsBeforeEnd.contains(.stopPrompt))
        #expect(effects.stepsBeforeEnd.contains { if case .hangup = $0 { true } else { false } }, "BYE: the call was answered")
        let record = effects.record
        #expect(record?.disposition == "api_hangup")
        #expect(record?.hangupBy == "api")
        #expect(effects.endEvent?.result["disposition"] == "api_hangup")
        #expect(machine.isEnded)
    }

    @Test func anAPIHangupBeforeTheAnswerIsAFinalResponse() {
        var machine = CallMachine.started()
        let effects = machine.handle(.hangupRequested(by: "api"), at: 1)
        #expect(effects.stepsBeforeEnd.contains(.reject(code: 603, reason: nil)))
        #expect(effects.record?.disposition == "api_hangup")
    }

    @Test func anAPIHangupWhileRecordingKeepsTheFile() {
        var machine = CallMachine.started()
        _ = machine.handle(.reply(.record(Record())), at: 1)
        let stop = machine.handle(.hangupRequested(by: "api"), at: 8)
        #expect(stop.steps.contains(.stopRecording(reason: "hangup")))
        #expect(!machine.isEnded && machine.isEnding)
        // A second request while the file is saved changes nothing.
        #expect(machine.handle(.hangupRequested(by: "api"), at: 8.1).isEmpty)
        let end = machine.handle(.recordingFinished(file: "recordings/x.wav", seconds: 7, reason: "hangup"), at: 8.2)
        #expect(end.stepsBeforeEnd.contains { if case .hangup = $0 { true } else { false } })
        #expect(end.record?.disposition == "api_hangup")
        #expect(end.record?.recordings == ["recordings/x.wav"])
        #expect(machine.isEnded)
    }
}

/// A card number typed while the recording is paused reaches the scenario but not the trail.
@Suite("CallMachine: keys stay out of the trail while the recording is paused")
struct CallMachineRedactionTests {
    @Test func keysAndDigitsAreRedactedInTheTrailOnly() {
        var machine = CallMachine.started()
        _ = machine.handle(.reply(.recordPause(), .gather(Gather(maxDigits: 4, timeout: 10))), at: 1)
        var trail: [TrailEntry.Step] = []
        var sent: [ScenarioEvent] = []
        for (i, key) in "4111".enumerated() {
            let effects = machine.handle(.dtmf(key), at: 2 + Double(i))
            trail += effects.trail
            sent += effects.events
        }
        #expect(sent.first?.result["digits"] == "4111", "the scenario gets the card number")
        #expect(!trail.contains(.dtmf("4")) && !trail.contains(.dtmf("1")))
        let logged = trail.compactMap { if case .event(let event, _) = $0 { event } else { nil } }
        #expect(logged.first?.result["digits"] == .string(TrailEntry.Step.redactedDigits))
        #expect(!trail.map { TrailEntry(at: 0, step: $0).json.encodedString }.joined().contains("4111"))

        // Resumed: keys are in the trail again.
        _ = machine.handle(.reply(.recordResume(), .gather(Gather(maxDigits: 1, timeout: 10))), at: 7)
        let after = machine.handle(.dtmf("5"), at: 8)
        #expect(after.events.first?.result["digits"] == "5")
        #expect(after.trail.contains { if case .event(let event, _) = $0 { event.result["digits"] == "5" } else { false } })
    }

    @Test func anAPIPauseRedactsToo() {
        var machine = CallMachine.started()
        _ = machine.handle(.reply(.gather(Gather(maxDigits: 2, timeout: 10))), at: 1)
        _ = machine.handle(.recordingPaused(true, by: "api"), at: 2)
        let effects = machine.handle(.dtmf("7"), at: 3)
        #expect(!effects.trail.contains(.dtmf("7")))
    }
}
