import CallgateCore
import Engine
import Testing

/// `callgate test`'s room: the caller alone in it, leaving by its exit key, max_seconds or a hangup.
@Suite struct SimulatedConferenceTests {
    @Test func maxSecondsEndsItWithConferenceDone() async {
        let result = await simulate(SimulatedCaller(talkSeconds: 100)) { event in
            event.event == .callStart ? #"{"actions":[{"action":"conference","room":"team","max_seconds":30}]}"# : #"{"actions":[]}"#
        }
        #expect(result.results(of: .conferenceDone) == [["reason": "max_seconds", "room": "team", "seconds": 30]])
    }

    @Test func theExitKeyIsPressedAfterTheTalk() async {
        let result = await simulate(SimulatedCaller(talkSeconds: 12)) { event in
            event.event == .callStart ? ##"{"actions":[{"action":"conference","room":"team","exit_key":"#","max_seconds":60}]}"## : #"{"actions":[]}"#
        }
        #expect(result.results(of: .conferenceDone) == [["reason": "key", "key": "#", "room": "team", "seconds": 12]])
        #expect(result.record.disposition == "completed")
    }

    @Test func withoutAWayOutTheCallerHangsUp() async {
        let result = await simulate(SimulatedCaller(talkSeconds: 12)) { event in
            event.event == .callStart ? #"{"actions":[{"action":"conference","room":"team"}]}"# : #"{"actions":[]}"#
        }
        #expect(result.results(of: .conferenceDone).isEmpty)
        #expect(result.record.disposition == "caller_hangup")
    }
}
