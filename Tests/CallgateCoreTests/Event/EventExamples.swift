@testable import CallgateCore

/// One example of every event, as saved in `Fixtures/events/<name>.json` for the docs to quote.
/// They all belong to one call, played through in `EventFixtureTests.theExamplesAreWhatACallSends`.
enum EventExamples {
    static let call = CallInfo(id: "c0ffee01", from: "+15551234567", to: "100")
    static let vars: [String: JSONValue] = ["lang": "en"]

    static let callStart = ScenarioEvent(event: .callStart, call: call.inState(.ringing))

    static let gatherDone = ScenarioEvent(
        event: .gatherDone, call: call.inState(.answered), vars: vars,
        result: ["digits": "1", "reason": "complete"]
    )

    static let recordDone = ScenarioEvent(
        event: .recordDone, call: call.inState(.answered), vars: vars,
        result: ["file": "recordings/c0ffee01-1.wav", "duration": 7.5, "reason": "silence"]
    )

    static let transferDone = ScenarioEvent(
        event: .transferDone, call: call.inState(.answered), vars: vars,
        result: ["reason": "no_answer", "to": "201"]
    )

    static let queueDone = ScenarioEvent(
        event: .queueDone, call: call.inState(.answered), vars: vars,
        result: ["reason": "agent_hangup", "queue": "sales", "agent": "201"]
    )

    static let conferenceDone = ScenarioEvent(
        event: .conferenceDone, call: call.inState(.answered), vars: vars,
        result: ["reason": "room_ended", "room": "board", "seconds": 1250.12]
    )

    static let callEnd = ScenarioEvent(
        event: .callEnd, call: call.inState(.ended), vars: vars,
        result: [
            "disposition": "completed", "hangup_by": "scenario", "reason": "normal",
            "answered": true, "duration": 100, "talk_seconds": 99.5,
        ]
    )

    /// `call.start` as a fallback scenario gets it after the primary scenario timed out.
    static let callStartForFallback = ScenarioEvent(
        event: .callStart, call: call.inState(.ringing), error: ScenarioFailure.timeout(seconds: 5).json
    )

    static let amdResult: [String: JSONValue] = [
        "result": "machine", "cause": "long_greeting", "initial_silence": 0.32, "greeting": 1.5, "words": 3, "total": 1.82,
    ]

    static let amdDone = ScenarioEvent(event: .amdDone, call: call.inState(.answered), vars: vars, result: amdResult)

    static let silenceDone = ScenarioEvent(
        event: .silenceDone, call: call.inState(.answered), vars: vars, result: ["reason": "silence", "waited": 6.94]
    )

    /// `call.start` of an outbound call that ran answering-machine detection first.
    static let callStartWithAMD = ScenarioEvent(
        event: .callStart, call: CallInfo(id: "c0ffee02", from: "100", to: "+15557654321", direction: .outbound, state: .answered),
        vars: ["contact": "Jane Doe"], result: ["amd": .object(amdResult)]
    )

    /// Fixture name → the event it holds.
    static let all: [String: ScenarioEvent] = [
        "call.start": callStart,
        "gather.done": gatherDone,
        "record.done": recordDone,
        "transfer.done": transferDone,
        "queue.done": queueDone,
        "conference.done": conferenceDone,
        "call.end": callEnd,
        "call.start.fallback": callStartForFallback,
        "amd.done": amdDone,
        "silence.done": silenceDone,
        "call.start.amd": callStartWithAMD,
    ]
}
