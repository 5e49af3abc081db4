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

    @Test func callerAsksForACallbackHearsTheConfirmationAndTheEngineHangsUp() async {
        let (result, notes) = await simulateWithNotes(SimulatedCaller(queueResult: "callback")) { event in
            event.event == .callStart ? #"{"actions":[{"action":"enqueue","queue":"support","callback":{"key":"2"}}]}"# : #"{"actions":[]}"#
        }
        #expect(result.results(of: .queueDone).isEmpty, "the call ends; no queue.done")
        #expect(result.record.disposition == "callback_requested")
        #expect(notes.contains("caller asks for a callback; the queue keeps the place"), "\(notes)")
    }

    @Test func queueAgentAnswersAfterItsRingAndHangsUpAfterTheTalk() async {
        let (result, notes) = await simulateWithNotes(SimulatedCaller(agentAnswersAfter: 7, talkSeconds: 20), enqueueSupport)
        // The real queue machine's details: the wait until the answer, the agent, the talk time.
        #expect(result.results(of: .queueDone) == [
            ["reason": "agent_hangup", "queue": "support", "agent": "1001", "wait_seconds": 7, "talk_seconds": 20],
        ])
        #expect(notes.contains("agent 1001 rings"))
        #expect(notes.contains("agent 1001 answers after 7 s; bridged"))
        #expect(notes.contains("agent 1001 hangs up after 20 s of talk"))
    }

    @Test func agentsWhoNeverAnswerLeaveTheCallerToTheQueuesMaximumWait() async {
        let (result, notes) = await simulateWithNotes(SimulatedCaller(agent: .noAnswer), enqueueSupport)
        // The default queue: 300 s of maximum wait, a 15 s ring, 5 s between offers, paused after 3 missed offers.
        #expect(result.results(of: .queueDone) == [["reason": "timeout", "queue": "support", "wait_seconds": 300]])
        #expect(notes.filter { $0 == "agent 1001 rings" }.count == 3)
        #expect(notes.contains("no answer within 15 s (ring timeout)"))
        #expect(notes.contains("agent 1001 is paused (missed_offers)"))
        #expect(notes.contains("queue support: timeout after 300 s"))
    }

    @Test func theEnqueuesTimeoutOverridesTheQueuesMaximumWait() async {
        let result = await simulate(SimulatedCaller(agent: .busy)) { event in
            event.event == .callStart ? #"{"actions":[{"action":"enqueue","queue":"support","timeout":40}]}"# : #"{"actions":[]}"#
        }
        #expect(result.results(of: .queueDone) == [["reason": "timeout", "queue": "support", "wait_seconds": 40]])
    }

    @Test(arguments: ["no_agents", "full"])
    func queueRefusesTheCallerAtTheDoor(reason: String) async {
        let result = await simulate(SimulatedCaller(queueResult: reason), enqueueSupport)
        #expect(result.results(of: .queueDone) == [["reason": .string(reason), "queue": "support", "wait_seconds": 0]])
    }

    @Test func configuredQueuesAndAgentsServeTheCall() async {
        let queues = [QueueSettings(name: "sales", strategy: .ringAll, wrapUpSeconds: 0)]
        let agents = [AgentProfile(extension: "201", name: "Ann", queues: ["sales"]),
                      AgentProfile(extension: "202", name: "Bob", queues: ["sales"])]
        let (result, notes) = await simulateWithNotes(SimulatedCaller(queues: queues, agentProfiles: agents)) { event in
            event.event == .callStart ? #"{"actions":[{"action":"enqueue","queue":"sales"}]}"# : #"{"actions":[]}"#
        }
        // Ring-all: both phones ring; the first to answer takes the call, the other stops ringing.
        #expect(notes.contains("agent 201 rings") && notes.contains("agent 202 rings"))
        #expect(notes.contains("agent 202 stops ringing"))
        #expect(result.results(of: .queueDone).first?["agent"] == "201")
    }

    @Test func anEnqueueIntoAQueueNotConfiguredFailsTheAction() async {
        let result = await simulate(SimulatedCaller(queues: [QueueSettings(name: "sales")], agentProfiles: [])) { event in
            event.event == .callStart ? #"{"actions":[{"action":"enqueue","queue":"support"}]}"# : #"{"actions":[]}"#
        }
        #expect(result.failures == [.actionFailed(action: "enqueue", detail: "there is no queue named support")])
    }

    @Test func callerHangingUpWhileTalkingEndsTheConversation() async {
        let result = await simulate(SimulatedCaller(talkSeconds: 60, hangupAfter: 20), enqueueSupport)
        #expect(result.record.disposition == "caller_hangup")
        #expect(result.record.endedAt == 20)
        #expect(result.results(of: .queueDone).isEmpty)
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

/// `enqueue` in support, then nothing more.
let enqueueSupport: @Sendable (ScenarioEvent) -> String = { event in
    event.event == .callStart ? #"{"actions":[{"action":"enqueue","queue":"support"}]}"# : #"{"actions":[]}"#
}

/// A simulated call, with what the simulated world said along the way.
func simulateWithNotes(_ caller: SimulatedCaller, _ script: @escaping @Sendable (ScenarioEvent) -> String) async
    -> (SimulationResult, [String]) {
    let call = SimulatedCall(call: CallInfo(id: "t-1", from: "+15550100", to: "100"), caller: caller,
                             executor: ScriptedExecutor(primary: script, fallback: nil))
    var notes: [String] = []
    let result = await call.run { step in
        if case .world(_, let text) = step { notes.append(text) }
    }
    return (result, notes)
}
