import CallgateCore
import Engine
import Logging
import Testing

/// A real-call session over a simulated edge and a test clock: timers in milliseconds of test time.
@Suite struct CallSessionTests {
    func session(_ script: @escaping @Sendable (ScenarioEvent) -> String, log: EventLog, clock: ManualClock, edge: RecordingEdge,
                 recorder: MemoryRecorder) -> CallSession<ManualClock> {
        CallSession(call: CallInfo(id: "s-1", from: "+15550100", to: "100"), vars: [:], configuration: .init(), edge: edge,
                    executor: ScriptedExecutor(primary: { event in log.append(event); return script(event) }),
                    recorder: recorder, clock: clock, logger: Logger(label: "test"))
    }

    @Test func gatherTimesOutOnTheTestClock() async throws {
        let clock = ManualClock(), edge = RecordingEdge(), log = EventLog(), recorder = MemoryRecorder()
        let call = session({ event in
            event.event == .callStart ? #"{"actions":[{"action":"gather","timeout":8}]}"# : #"{"actions":[{"action":"hangup"}]}"#
        }, log: log, clock: clock, edge: edge, recorder: recorder)
        await call.begin()
        #expect(await eventually { clock.sleeperCount == 1 })
        #expect(edge.effects.contains(.answer))
        clock.advance(by: .seconds(7))
        #expect(log.all.count == 1, "nothing happens before the timeout")
        clock.advance(by: .seconds(1))
        #expect(await eventually { log.all.count >= 2 })
        #expect(log.all[1].result == ["digits": "", "reason": "timeout"])
        let record = await call.waitUntilEnded()
        #expect(record.disposition == "completed")
        #expect(record.endedAt == 8)
        #expect(edge.closed)
    }

    @Test func keysFromTheEdgeCompleteTheGather() async throws {
        let clock = ManualClock(), edge = RecordingEdge(), log = EventLog(), recorder = MemoryRecorder()
        let call = session({ event in
            event.event == .callStart ? #"{"actions":[{"action":"gather","max_digits":3,"timeout":5}]}"# : #"{"actions":[]}"#
        }, log: log, clock: clock, edge: edge, recorder: recorder)
        await call.begin()
        #expect(await eventually { clock.sleeperCount == 1 })
        clock.advance(by: .seconds(2))
        for key in "123" { await call.deliver(.dtmf(key)) }
        #expect(await eventually { log.all.count >= 2 })
        #expect(log.all[1].result == ["digits": "123", "reason": "complete"])
        _ = await call.waitUntilEnded()
        #expect(clock.sleeperCount == 0, "timers are cancelled when the call ends")
    }

    @Test func recordsReachTheRecorderAtStartAnswerAndEnd() async throws {
        let clock = ManualClock(), edge = RecordingEdge(), log = EventLog(), recorder = MemoryRecorder()
        let call = session({ event in
            event.event == .callStart ? #"{"actions":[{"action":"answer"},{"action":"set","vars":{"a":1}}]}"# : #"{"actions":[]}"#
        }, log: log, clock: clock, edge: edge, recorder: recorder)
        await call.begin()
        let record = await call.waitUntilEnded()
        #expect(await recorder.started.count == 1)
        #expect(await recorder.answered.count == 1)
        #expect(await recorder.ended == [record])
        #expect(record.vars == ["a": 1])
        let kinds = await recorder.trail.map(\.kind)
        #expect(kinds == ["event", "reply", "action", "action", "event"])
        #expect(log.all.map(\.event) == [.callStart, .callEnd], "call.end is sent as a notification")
    }

    @Test func callerHangupDuringAScenarioRunIsNotLost() async throws {
        let clock = ManualClock(), edge = RecordingEdge(), log = EventLog(), recorder = MemoryRecorder()
        let call = session({ _ in #"{"actions":[{"action":"play","file":"long.wav"}]}"# }, log: log, clock: clock, edge: edge, recorder: recorder)
        await call.begin()
        #expect(await eventually { edge.effects.contains(.startPrompt(.play(Play(file: "long.wav")))) })
        await call.deliver(.callerHungUp)
        let record = await call.waitUntilEnded()
        #expect(record.disposition == "caller_hangup")
        #expect(edge.effects.last == .stopPrompt)
    }

    @Test func mediaTimeoutHangsUpAndIsRecorded() async throws {
        let clock = ManualClock(), edge = RecordingEdge(), log = EventLog(), recorder = MemoryRecorder()
        let call = session({ _ in #"{"actions":[{"action":"play","file":"long.wav"}]}"# }, log: log, clock: clock, edge: edge, recorder: recorder)
        await call.begin()
        #expect(await eventually { edge.effects.contains(.startPrompt(.play(Play(file: "long.wav")))) })
        await call.deliver(.mediaTimeout)
        let record = await call.waitUntilEnded()
        #expect(record.disposition == "rtp_timeout")
        #expect(record.hangupBy == "engine")
        #expect(edge.effects.contains(.hangup(reason: "no media from the caller")))
    }

    @Test func unplayablePromptTakesTheFallback() async throws {
        let clock = ManualClock(), edge = RecordingEdge(), log = EventLog(), recorder = MemoryRecorder()
        let call = session({ _ in #"{"actions":[{"action":"play","file":"missing.wav"}]}"# }, log: log, clock: clock, edge: edge, recorder: recorder)
        await call.begin()
        #expect(await eventually { edge.effects.contains(.startPrompt(.play(Play(file: "missing.wav")))) })
        await call.deliver(.actionFailed(.actionFailed(action: "play", detail: "missing.wav was not found")))
        #expect(edge.effects.last == .startPrompt(.play(Play(file: "error.wav"))))
        // The error prompt cannot be played either: the call still ends, cleanly.
        await call.deliver(.actionFailed(.actionFailed(action: "play", detail: "error.wav was not found")))
        let record = await call.waitUntilEnded()
        #expect(record.disposition == "failed")
        #expect(record.errors.map(\.code) == ["action_failed", "action_failed"])
    }
}
