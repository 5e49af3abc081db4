@testable import CallgateCore
import Testing

/// `record`: its maximum length, the terminator key, and how the edge's reason is reported.
@Suite("CallMachine: record")
struct CallMachineRecordTests {
    static let timer = CallTimer(kind: .record, generation: 1)

    static func done(_ reason: String, seconds: Double) -> CallEffect {
        .runScenario(
            .of(.recordDone, .answered, result: ["file": "rec/call-1.wav", "duration": .number(seconds), "reason": .string(reason)]),
            role: .primary
        )
    }

    static func recording(_ record: Record) -> CallMachine {
        var machine = CallMachine.started()
        _ = machine.handle(.reply(.record(record)), at: 1)
        return machine
    }

    @Test func startsRecordingWithItsMaximumAsATimer() {
        var machine = CallMachine.started()
        let record = Record(maxSeconds: 10)
        let effects = machine.handle(.reply(.record(record)), at: 1)
        #expect(effects.steps == [.answer, .startRecording(record), .startTimer(Self.timer, seconds: 10)])
    }

    @Test func maxSecondsStopsTheRecording() {
        var machine = Self.recording(Record(maxSeconds: 10))
        #expect(machine.handle(.timerFired(Self.timer), at: 11).steps == [.stopRecording(reason: "max_length")])
        let finished = machine.handle(.recordingFinished(file: "rec/call-1.wav", seconds: 10, reason: "stopped"), at: 11.1)
        #expect(finished.steps == [.cancelTimer(Self.timer), Self.done("max_length", seconds: 10)])
    }

    @Test func theTerminatorStopsTheRecording() {
        var machine = Self.recording(Record(maxSeconds: 30))
        let key = machine.handle(.dtmf("#"), at: 5)
        #expect(key.steps == [.cancelTimer(Self.timer), .stopRecording(reason: "terminator")])
        #expect(key.trail.contains(.dtmf("#")))
        // Neither the old timer nor a second key stops it twice.
        #expect(machine.handle(.timerFired(Self.timer), at: 31).isEmpty)
        #expect(machine.handle(.dtmf("#"), at: 5.1).isEmpty)
        let finished = machine.handle(.recordingFinished(file: "rec/call-1.wav", seconds: 4, reason: "stopped"), at: 5.2)
        #expect(finished.steps == [.cancelTimer(Self.timer), Self.done("terminator", seconds: 4)])
    }

    @Test func otherKeysAreIgnored() {
        var machine = Self.recording(Record(terminator: "*"))
        #expect(machine.handle(.dtmf("#"), at: 3).isEmpty)
        #expect(machine.handle(.dtmf("*"), at: 4).steps == [.cancelTimer(Self.timer), .stopRecording(reason: "terminator")])
    }

    @Test func noTerminatorIgnoresEveryKey() {
        var machine = Self.recording(Record(terminator: ""))
        #expect(machine.handle(.dtmf("#"), at: 3).isEmpty)
    }

    @Test func theEdgesReasonCountsWhenTheMachineDidNotStopIt() {
        var machine = Self.recording(Record(maxSeconds: 60))
        let finished = machine.handle(.recordingFinished(file: "rec/call-1.wav", seconds: 12.5, reason: "silence"), at: 14)
        #expect(finished.steps == [.cancelTimer(Self.timer), Self.done("silence", seconds: 12.5)])
    }

    @Test func aRecordingThatWasNotStartedIsIgnored() {
        var machine = CallMachine.started()
        #expect(machine.handle(.recordingFinished(file: "x.wav", seconds: 1, reason: "silence"), at: 1).isEmpty)
    }
}
