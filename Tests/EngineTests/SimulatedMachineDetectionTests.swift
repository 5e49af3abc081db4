import CallgateCore
import Engine
import Testing

/// `callgate test`'s far end for machine detection: a person by default, a machine on request; a
/// message left after the beep waits for the greeting to end.
@Suite struct SimulatedMachineDetectionTests {
    /// Detects; on a machine, waits for the silence after the beep, then says a message and hangs up.
    static let leaveAMessage: @Sendable (ScenarioEvent) -> String = { event in
        switch event.event {
        case .callStart: #"{"actions":[{"action":"answer"},{"action":"detect_machine"}]}"#
        case .amdDone where event.result["result"] == "machine":
            #"{"actions":[{"action":"wait_for_silence","seconds":1,"timeout":30}]}"#
        case .silenceDone: #"{"actions":[{"action":"say","text":"Your appointment is tomorrow at nine."},{"action":"hangup"}]}"#
        default: #"{"actions":[{"action":"hangup"}]}"#
        }
    }

    @Test func aPersonAnswersByDefault() async {
        let result = await simulate(Self.leaveAMessage)
        let amd = result.results(of: .amdDone)
        #expect(amd.first?["result"] == "human")
        #expect(amd.first?["cause"] == "human_after_greeting")
        #expect(result.record.amd == .human)
        #expect(result.results(of: .silenceDone).isEmpty)
    }

    @Test func onAMachineTheMessageStartsAfterTheBeep() async {
        var caller = SimulatedCaller()
        caller.answeredBy = .machine
        let result = await simulate(caller, Self.leaveAMessage)
        #expect(result.results(of: .amdDone).first?["result"] == "machine")
        #expect(result.record.amd == .machine)
        #expect(result.results(of: .silenceDone) == [["reason": "silence", "waited": 7.2]])
        let silence = result.trail.first { if case .event(let e, _) = $0.step { e.event == .silenceDone } else { false } }
        #expect(silence?.at == 9)  // the beep ends at 8 s, then 1 s of silence
    }

    @Test func anOutboundCallsDetectionComesWithCallStart() async {
        let call = SimulatedCall(call: CallInfo(id: "o-1", from: "100", to: "+15550100", direction: .outbound, state: .answered),
                                 configuration: CallConfiguration(machineDetection: MachineDetectionSettings()),
                                 executor: ScriptedExecutor(primary: { _ in #"{"actions":[{"action":"hangup"}]}"# }))
        let result = await call.run()
        let start = result.results(of: .callStart).first
        #expect(start?["amd"] == .object(["result": "human", "cause": "human_after_greeting", "initial_silence": 0.4,
                                          "greeting": 0.6, "words": 1, "total": 1.8]))
        #expect(result.record.amd == .human)
    }
}
