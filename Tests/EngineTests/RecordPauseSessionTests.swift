import CallgateCore
import Engine
import Logging
import Testing

/// `record_pause`/`record_resume` in `callgate test`, and the API's controls on a session.
@Suite struct RecordPauseSessionTests {
    @Test func theSimulationNotesThePauseAndTheTrailWhoPaused() async {
        let call = SimulatedCall(call: CallInfo(id: "t-1", from: "+15550100", to: "100"), executor: ScriptedExecutor(primary: { event in
            event.event == .callStart
                ? #"{"actions":[{"action":"record_pause"},{"action":"say","text":"card"},{"action":"record_resume"},{"action":"hangup"}]}"#
                : #"{"actions":[]}"#
        }))
        var notes: [String] = []
        let result = await call.run { step in
            if case .world(_, let text) = step { notes.append(text) }
        }
        #expect(notes.contains("recording paused: silence goes into the file until it resumes"), "\(notes)")
        #expect(notes.contains("recording resumed"))
        let controls = result.trail.filter { ["record_pause", "record_resume"].contains($0.kind) }.map(\.step)
        #expect(controls == [.recordingPaused(true, by: "scenario"), .recordingPaused(false, by: "scenario")])
        #expect(result.record.disposition == "completed")
    }

    @Test func anAPIHangupEndsTheCallOnceAndRunsCallEnd() async throws {
        let clock = ManualClock(), edge = RecordingEdge(), log = EventLog(), recorder = MemoryRecorder()
        let call = CallSession(call: CallInfo(id: "s-1", from: "+15550100", to: "100"), vars: [:], configuration: .init(), edge: edge,
                               executor: ScriptedExecutor(primary: { event in
                                   log.append(event)
                                   return #"{"actions":[{"action":"play","file":"long.wav"}]}"#
                               }),
                               recorder: recorder, clock: clock, logger: Logger(label: "test"))
        await call.begin()
        #expect(await eventually { edge.effects.contains(.startPrompt(.play(Play(file: "long.wav")))) })
        #expect(await call.snapshot.isEnding == false)
        try await call.requestHangup(by: "api")
        await #expect(throws: SessionControlRefusal.ending) { try await call.requestHangup(by: "api") }
        let record = await call.waitUntilEnded()
        #expect(record.disposition == "api_hangup")
        #expect(record.hangupBy == "api")
        #expect(edge.effects.contains { if case .hangup = $0 { true } else { false } })
        #expect(log.all.last?.event == .callEnd)
        #expect(await call.snapshot.isEnded)
        await #expect(throws: SessionControlRefusal.ending) { try await call.setRecordingPaused(true, by: "api") }
    }

    @Test func anAPIPauseReachesTheEdgeAndTheTrail() async throws {
        let clock = ManualClock(), edge = RecordingEdge(), recorder = MemoryRecorder()
        let call = CallSession(call: CallInfo(id: "s-2", from: "+15550100", to: "100"), vars: [:], configuration: .init(), edge: edge,
                               executor: ScriptedExecutor(primary: { _ in #"{"actions":[{"action":"record","max_seconds":60}]}"# }),
                               recorder: recorder, clock: clock, logger: Logger(label: "test"))
        await call.begin()
        #expect(await eventually { edge.effects.contains { if case .startRecording = $0 { true } else { false } } })
        try await call.setRecordingPaused(true, by: "api")
        #expect(edge.effects.last == .setRecordingPaused(true))
        #expect(await recorder.trail.last?.step == .recordingPaused(true, by: "api"))
        await call.deliver(.callerHungUp)
        await call.deliver(.recordingFinished(file: "recordings/x.wav", seconds: 3, reason: "hangup"))
        _ = await call.waitUntilEnded()
    }
}
