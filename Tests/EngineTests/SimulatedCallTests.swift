import CallgateCore
import Engine
import Testing

/// Whole calls through the real call machine with a simulated caller, in simulated time.
@Suite struct SimulatedCallTests {
    @Test func eachDTMFGroupFeedsOneGather() async {
        let result = await simulate(SimulatedCaller(dtmf: SimulatedCaller.groups(["1,42"])), twoGathers)
        #expect(result.results(of: .gatherDone) == [
            ["digits": "1", "reason": "complete"], ["digits": "42", "reason": "complete"],
        ])
        #expect(result.record.disposition == "completed")
        #expect(result.record.hangupReason == "done")
    }

    @Test func keysLeftOverAreDroppedNotTypedIntoTheNextGather() async {
        let result = await simulate(SimulatedCaller(dtmf: ["19"]), twoGathers)
        #expect(result.results(of: .gatherDone) == [
            ["digits": "1", "reason": "complete"], ["digits": "", "reason": "timeout"],
        ])
    }

    @Test func emptyGroupTimesOutAndTerminatorEndsInput() async {
        let result = await simulate(SimulatedCaller(dtmf: SimulatedCaller.groups([",7#"])), twoGathers)
        #expect(result.results(of: .gatherDone) == [
            ["digits": "", "reason": "timeout"], ["digits": "7", "reason": "terminator"],
        ])
    }

    @Test func gatherTimeoutIsCountedFromTheEndOfThePrompt() async {
        let result = await simulate(twoGathers)
        // "first" is one word: a 1 s prompt, then the default 5 s timeout.
        let done = result.trail.first { if case .event(let e, _) = $0.step { e.event == .gatherDone } else { false } }
        #expect(done?.at == 6)
    }

    @Test func recordEndsBySilenceOrByItsMaximum() async {
        let script: @Sendable (ScenarioEvent) -> String = { event in
            event.event == .callStart ? #"{"actions":[{"action":"record","max_seconds":10}]}"# : #"{"actions":[]}"#
        }
        let short = await simulate(SimulatedCaller(recordSeconds: 4), script)
        #expect(short.results(of: .recordDone) == [["file": "recordings/sim-1.wav", "duration": 4, "reason": "silence"]])
        let long = await simulate(SimulatedCaller(recordSeconds: 100), script)
        #expect(long.results(of: .recordDone) == [["file": "recordings/sim-1.wav", "duration": 10, "reason": "max_length"]])
    }

    @Test(arguments: [
        (SimulatedCaller.Agent.answer, "ended"), (.busy, "busy"), (.noAnswer, "no_answer"),
    ])
    func transferOutcomeFollowsTheAgent(agent: SimulatedCaller.Agent, reason: String) async {
        let result = await simulate(SimulatedCaller(agent: agent)) { event in
            event.event == .callStart ? #"{"actions":[{"action":"transfer","to":"1001","timeout":20}]}"# : #"{"actions":[]}"#
        }
        #expect(result.results(of: .transferDone).first?["reason"] == .string(reason))
        #expect(result.results(of: .transferDone).first?["to"] == "1001")
    }

    @Test func callerLeavesTheQueueWithTheExitKey() async {
        let result = await simulate(SimulatedCaller(queueResult: "key")) { event in
            event.event == .callStart ? #"{"actions":[{"action":"enqueue","queue":"support","exit_key":"*"}]}"# : #"{"actions":[]}"#
        }
        #expect(result.results(of: .queueDone) == [["reason": "key", "key": "*", "queue": "support"]])
    }

    @Test func callerHangingUpMidPromptEndsTheCall() async {
        let result = await simulate(SimulatedCaller(hangupAfter: 2)) { event in
            event.event == .callStart ? #"{"actions":[{"action":"say","text":"one two three four five six seven eight nine ten"}]}"# : #"{"actions":[]}"#
        }
        #expect(result.record.disposition == "caller_hangup")
        #expect(result.record.endedAt == 2)
        #expect(result.eventsSent == [.callStart, .callEnd])
    }

    @Test func failingScenarioHandsTheCallToTheFallback() async {
        let result = await simulate(configuration: CallConfiguration(fallback: .scenario("backup")),
                                    fallback: { _ in #"{"actions":[{"action":"say","text":"backup line"}]}"# }) { _ in "EXIT 1" }
        #expect(result.failures == [.exitStatus(code: 1, stderrTail: "")])
        let roles = result.trail.compactMap { if case .event(let e, let role) = $0.step { "\(e.event.rawValue)/\(role.rawValue)/\(e.error != nil)" } else { nil } }
        #expect(roles == ["call.start/primary/false", "call.start/fallback/true", "call.end/fallback/false"])
        #expect(result.actionsRun == [.say(Say(text: "backup line"))])
    }

    @Test func scenarioStuckInALoopIsStoppedByTheEventLimit() async {
        let result = await simulate(configuration: CallConfiguration(maxEvents: 20)) { _ in
            #"{"actions":[{"action":"gather","timeout":1}]}"#
        }
        #expect(result.failures == [.tooManyEvents(limit: 20)])
        #expect(result.record.disposition == "failed")
        #expect(result.record.eventsSent == 20)
    }
}
