@testable import CallgateCore
import Testing

/// `conference`: the edge seats the caller; the machine's timer and exit key, or the room (kicked,
/// room ended), end it with `conference.done`, the caller still on the line.
@Suite("CallMachine: conference")
struct CallMachineConferenceTests {
    static let timer = CallTimer(kind: .conference, generation: 1)

    @Test func joinsTheRoomAfterAnsweringAndTheRoomLetsGoWithConferenceDone() {
        var machine = CallMachine.started()
        let conference = Conference(room: "team")
        #expect(machine.handle(.reply(.conference(conference)), at: 1).steps == [.answer, .joinConference(conference)])
        let left = machine.handle(.conferenceLeft(reason: "kicked", details: [:]), at: 11.5)
        let event = ScenarioEvent.of(.conferenceDone, .answered, result: ["reason": "kicked", "room": "team", "seconds": 10.5])
        #expect(left.steps == [.runScenario(event, role: .primary)])
    }

    @Test func maxSecondsIsTheMachinesTimer() {
        var machine = CallMachine.started()
        let conference = Conference(room: "team", maxSeconds: 60)
        #expect(machine.handle(.reply(.conference(conference)), at: 1).steps
            == [.answer, .joinConference(conference), .startTimer(Self.timer, seconds: 60)])
        let fired = machine.handle(.timerFired(Self.timer), at: 61)
        let event = ScenarioEvent.of(.conferenceDone, .answered, result: ["reason": "max_seconds", "room": "team", "seconds": 60])
        #expect(fired.steps == [.leaveConference(reason: "max_seconds"), .runScenario(event, role: .primary)])
        #expect(machine.handle(.conferenceLeft(reason: "room_ended", details: [:]), at: 61.1).isEmpty, "already out")
    }

    @Test func theExitKeyLeavesTheRoomAndCancelsTheTimer() {
        var machine = CallMachine.started()
        _ = machine.handle(.reply(.conference(Conference(room: "team", maxSeconds: 60, exitKey: "#"))), at: 1)
        #expect(machine.handle(.dtmf("5"), at: 2).isEmpty)
        let key = machine.handle(.dtmf("#"), at: 3)
        let event = ScenarioEvent.of(.conferenceDone, .answered, result: ["reason": "key", "room": "team", "key": "#", "seconds": 2])
        #expect(key.steps == [.leaveConference(reason: "key"), .cancelTimer(Self.timer), .runScenario(event, role: .primary)])
    }

    @Test func aRoomEndingCancelsTheTimer() {
        var machine = CallMachine.started()
        _ = machine.handle(.reply(.conference(Conference(room: "team", maxSeconds: 60))), at: 1)
        let left = machine.handle(.conferenceLeft(reason: "room_ended", details: [:]), at: 5)
        #expect(left.steps.first == .cancelTimer(Self.timer))
        #expect(left.events.first?.result["reason"] == "room_ended")
    }

    @Test func hangingUpLeavesTheRoomWithoutAnEvent() {
        var machine = CallMachine.started()
        _ = machine.handle(.reply(.conference(Conference(room: "team", maxSeconds: 60))), at: 1)
        let hangup = machine.handle(.callerHungUp, at: 9)
        #expect(hangup.stepsBeforeEnd == [.cancelTimer(Self.timer), .leaveConference(reason: "hangup")])
        #expect(machine.isEnded)
    }
}
