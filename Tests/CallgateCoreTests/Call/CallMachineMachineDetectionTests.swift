@testable import CallgateCore
import Foundation
import Testing

/// Answering-machine detection in the call: `detect_machine`, an outbound call's own detection
/// before `call.start`, and `wait_for_silence` to leave a message after the beep.
@Suite("CallMachine: machine detection")
struct CallMachineMachineDetectionTests {
    static let timer = CallTimer(kind: .machineDetection, generation: 1)
    static let machine = MachineDetectionResult(verdict: .machine, cause: "long_greeting", initialSilence: 0.32, greeting: 1.5,
                                                words: 3, total: 1.82)
    static let outboundCall = CallInfo(id: "call-2", from: "100", to: "+15557654321", direction: .outbound, state: .answered)

    @Test func detectMachineAnswersListensAndReportsAmdDone() {
        var call = CallMachine.started()
        let effects = call.handle(.reply(.detectMachine(DetectMachine())), at: 1)
        #expect(effects.steps == [.answer, .analyseAudio(.detectMachine(MachineDetectionSettings())),
                                  .startTimer(Self.timer, seconds: 7)])
        let done = call.handle(.audioAnalysed(.machine(Self.machine)), at: 2.9)
        #expect(done.steps.first == .cancelTimer(Self.timer))
        #expect(done.events == [.of(.amdDone, .answered, result: Self.machine.json)])
        #expect(done.trail.contains(.note("amd", Self.machine.json)))
        #expect(call.record.amd == .machine)
    }

    @Test func theActionsFieldsOverrideTheCallsSettings() {
        var settings = MachineDetectionSettings()
        settings.greeting = 2
        settings.silenceThreshold = 400
        var call = CallMachine.started(CallConfiguration(machineDetection: settings))
        var action = DetectMachine()
        action.totalAnalysis = 4
        let effects = call.handle(.reply(.detectMachine(action)), at: 1)
        var expected = settings
        expected.totalAnalysis = 4
        #expect(effects.steps.contains(.analyseAudio(.detectMachine(expected))))
    }

    @Test func anEdgeThatNeverReportsEndsAsNotSure() {
        var call = CallMachine.started()
        _ = call.handle(.reply(.detectMachine(DetectMachine())), at: 1)
        let effects = call.handle(.timerFired(Self.timer), at: 8)
        #expect(effects.steps.first == .analyseAudio(nil))
        let result = effects.events.first?.result
        #expect(result?["result"] == "not_sure")
        #expect(result?["cause"] == "too_long")
        #expect(call.record.amd == .notSure)
    }

    @Test func aHangupStopsListening() {
        var call = CallMachine.started()
        _ = call.handle(.reply(.detectMachine(DetectMachine())), at: 1)
        let effects = call.handle(.callerHungUp, at: 2)
        #expect(Array(effects.steps.prefix(2)) == [.cancelTimer(Self.timer), .analyseAudio(nil)])
        #expect(call.isEnded)
        #expect(call.record.amd == nil)
    }

    @Test func anOutboundCallWithSettingsDetectsBeforeCallStart() {
        var call = CallMachine(call: Self.outboundCall, configuration: CallConfiguration(machineDetection: MachineDetectionSettings()))
        let start = call.handle(.start, at: 0)
        #expect(start.events.isEmpty)
        #expect(start.steps == [.analyseAudio(.detectMachine(MachineDetectionSettings())), .startTimer(Self.timer, seconds: 7)])
        let human = MachineDetectionResult(verdict: .human, cause: "human_after_greeting", initialSilence: 0.4, greeting: 0.6,
                                           words: 1, total: 1.8)
        let effects = call.handle(.audioAnalysed(.machine(human)), at: 1.8)
        let event = effects.events.first
        #expect(event?.event == .callStart)
        #expect(event?.result == ["amd": .object(human.json)])
        #expect(call.record.amd == .human)
    }

    @Test func anInboundCallOrOneWithoutSettingsStartsAtOnce() {
        var inbound = CallMachine(call: testCall, configuration: CallConfiguration(machineDetection: MachineDetectionSettings()))
        #expect(inbound.handle(.start, at: 0).events.map(\.event) == [.callStart])
        var plain = CallMachine(call: Self.outboundCall)
        #expect(plain.handle(.start, at: 0).events == [ScenarioEvent(event: .callStart, call: Self.outboundCall)])
    }

    @Test func waitForSilenceReportsTheSilenceAndHowLongItWaited() {
        var call = CallMachine.started()
        let timer = CallTimer(kind: .silence, generation: 1)
        let effects = call.handle(.reply(.waitForSilence(WaitForSilence(seconds: 1, timeout: 20))), at: 3)
        #expect(effects.steps == [.answer, .analyseAudio(.waitForSilence(seconds: 1, silenceThreshold: 256)),
                                  .startTimer(timer, seconds: 20)])
        let done = call.handle(.audioAnalysed(.silence(seconds: 8)), at: 11)
        #expect(done.steps.first == .cancelTimer(timer))
        #expect(done.events == [.of(.silenceDone, .answered, result: ["reason": "silence", "waited": 8])])
    }

    @Test func waitForSilenceTimesOut() {
        var call = CallMachine.started()
        _ = call.handle(.reply(.waitForSilence(WaitForSilence(seconds: 2, timeout: 10))), at: 1)
        let effects = call.handle(.timerFired(CallTimer(kind: .silence, generation: 1)), at: 11)
        #expect(effects.steps.first == .analyseAudio(nil))
        #expect(effects.events.first?.result == ["reason": "timeout", "waited": 10])
    }

    @Test func aSilenceReportDoesNotEndADetection() {
        var call = CallMachine.started()
        _ = call.handle(.reply(.detectMachine(DetectMachine())), at: 1)
        #expect(call.handle(.audioAnalysed(.silence(seconds: 1)), at: 2).isEmpty)
    }

    @Test func badFieldsAreRefusedNamingTheField() throws {
        #expect(try Self.error(#"{"actions":[{"action":"detect_machine","maximum_words":0}]}"#)?.field == "actions[0].maximum_words")
        #expect(try Self.error(#"{"actions":[{"action":"wait_for_silence","seconds":"1"}]}"#)?.field == "actions[0].seconds")
        #expect(try Self.error(#"{"actions":[{"action":"detect_machine","initial_silense":2}]}"#)?.field == "actions[0].initial_silense")
        #expect(try Self.error(#"{"actions":[{"action":"detect_machine","silence_threshold":40000}]}"#)?.field == "actions[0].silence_threshold")
    }

    static func error(_ text: String) throws -> ReplyError? {
        let value = try JSONValue.parse(Data(text.utf8))
        do {
            _ = try Reply(value)
            return nil
        } catch {
            return error
        }
    }
}
