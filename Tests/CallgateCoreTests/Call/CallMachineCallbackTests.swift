@testable import CallgateCore
import Testing

/// The enqueue `callback` option on the call's side: the key leaves the live line (the queue
/// keeps the place), the confirmation plays, the engine hangs up with `callback_requested`.
@Suite("CallMachine: enqueue callback")
struct CallMachineCallbackTests {
    @Test func theCallbackKeyConfirmsThenEndsTheCallWithItsOwnDisposition() throws {
        var machine = CallMachine.started()
        let option = QueueCallbackOption(key: "2", confirm: "callback-confirm.wav")
        _ = machine.handle(.reply(.enqueue(Enqueue(queue: "sales", exitKey: "0", callback: option))), at: 1)
        let key = machine.handle(.dtmf("2"), at: 40)
        #expect(key.steps == [.leaveQueue(reason: "callback"), .stopPrompt, .startPrompt(.play(Play(file: "callback-confirm.wav")))])
        #expect(key.trail.contains(.dtmf("2")))
        #expect(machine.handle(.dtmf("0"), at: 41).isEmpty, "the exit key means nothing once the callback is asked for")
        let ended = machine.handle(.promptFinished, at: 44)
        let record = try #require(ended.record)
        #expect(record.disposition == "callback_requested" && record.hangupBy == "engine")
        #expect(ended.steps.contains(.hangup(reason: "callback requested in queue sales")))
    }

    @Test func withoutAConfirmFileTheEngineSaysTheDefaultSentence() {
        var machine = CallMachine.started()
        _ = machine.handle(.reply(.enqueue(Enqueue(queue: "sales", callback: QueueCallbackOption(key: "*")))), at: 1)
        #expect(machine.handle(.dtmf("*"), at: 5).steps.last == .startPrompt(.say(Say(text: QueueCallbackOption.defaultConfirmation))))
    }

    @Test func aCallerWhoHangsUpDuringTheConfirmationIsNotTakenOutOfTheQueueAgain() {
        var machine = CallMachine.started()
        _ = machine.handle(.reply(.enqueue(Enqueue(queue: "sales", callback: QueueCallbackOption(key: "2")))), at: 1)
        _ = machine.handle(.dtmf("2"), at: 5)
        let hangup = machine.handle(.callerHungUp, at: 6)
        #expect(!hangup.steps.contains(.leaveQueue(reason: "hangup")), "the place is the callback's now")
        #expect(hangup.record?.disposition != nil)
    }

    @Test func theOptionIsCheckedWithClearErrors() {
        func error(_ callback: JSONValue, exitKey: JSONValue = .null) -> ReplyError? {
            BadReplyTests.error(decoding: ["actions": [["action": "enqueue", "queue": "sales", "exit_key": exitKey, "callback": callback]]])
        }
        #expect(error(["confirm": "x.wav"]) == ReplyError(field: "actions[0].callback.key", problem: "is required"))
        #expect(error(["key": "x"])?.field == "actions[0].callback.key")
        #expect(error(["key": "2", "number": "12ab"])?.field == "actions[0].callback.number")
        #expect(error(["key": "2", "confirm": "../etc/passwd"])?.field == "actions[0].callback.confirm")
        #expect(error(["key": "2", "ring": 3])?.field == "actions[0].callback.ring")
        #expect(error(["key": "0"], exitKey: "0") == ReplyError(field: "actions[0].callback.key",
                                                                 problem: "is also the exit key \"0\"; use another key"))
        #expect(error(["key": "2", "number": "+15550100", "say": "Bye"]) == nil)
    }
}
