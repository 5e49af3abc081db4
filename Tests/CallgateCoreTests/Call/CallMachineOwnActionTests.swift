@testable import CallgateCore
import Testing

/// An action is a file: `PressAnyKey` below is a whole action written outside `CallgateCore`
/// (decoding, preconditions, start, keys, its own timer, hangup, its outcome), and the unchanged
/// call machine runs it. Only the registry line, which makes a reply able to name it, is missing.
@Suite("CallMachine: an action defined in its own file")
struct CallMachineOwnActionTests {
    /// `press_any_key`: waits up to `seconds` for any key; a key runs the next action, silence
    /// ends the list with `gather.done` (`{"digits": "", "reason": "timeout"}`).
    struct PressAnyKey: ScenarioAction, RunnableAction {
        static let name = "press_any_key"
        var seconds: Int

        init(seconds: Int) { self.seconds = seconds }

        init(reading fields: inout FieldReader) throws(ReplyError) {
            seconds = try fields.integer("seconds", in: 1...60) ?? 10
        }

        var requirement: CallRequirement { .media(early: false) }

        func start(in call: inout CallMachine) -> ActionStep {
            let timer = call.nextTimer(.pressAnyKey)
            call.effects.append(.startTimer(timer, seconds: Double(seconds)))
            return .wait(Waiting(timer: timer))
        }

        struct Waiting: RunningAction {
            var timer: CallTimer

            func dtmf(_ key: Character, in call: inout CallMachine) -> ActionStep {
                call.trail(.dtmf(key))
                call.effects.append(.cancelTimer(timer))
                return .next
            }

            func timerFired(_ timer: CallTimer, in call: inout CallMachine) -> ActionStep {
                timer == self.timer ? .send(.gatherDone, result: ["digits": "", "reason": "timeout"]) : .wait(self)
            }

            func stop(_ cause: StopCause, in call: inout CallMachine) -> AfterStop {
                call.effects.append(.cancelTimer(timer))
                return .nothing
            }
        }
    }

    static let timer = CallTimer(kind: .pressAnyKey, generation: 1)

    static func waiting(then next: Action = .hangup(Hangup(reason: "pressed"))) -> CallMachine {
        var machine = CallMachine.started()
        _ = machine.handle(.reply(Action(PressAnyKey(seconds: 8)), next), at: 1)
        return machine
    }

    @Test func startsAfterTheImplicitAnswerWithItsOwnTimer() {
        var machine = CallMachine.started()
        let effects = machine.handle(.reply(Action(PressAnyKey(seconds: 8))), at: 1)
        #expect(effects.steps == [.answer, .startTimer(Self.timer, seconds: 8)])
        #expect(effects.trail.contains(.action(Action(PressAnyKey(seconds: 8)), index: 0)))
    }

    @Test func aKeyRunsTheNextAction() {
        var machine = Self.waiting()
        let effects = machine.handle(.dtmf("7"), at: 3)
        #expect(effects.trail.contains(.dtmf("7")))
        #expect(effects.stepsBeforeEnd == [.cancelTimer(Self.timer), .hangup(reason: "pressed")])
        #expect(machine.isEnded)
    }

    @Test func silenceEndsTheListWithAnEvent() {
        var machine = Self.waiting(then: .play(Play(file: "never.wav")))
        let effects = machine.handle(.timerFired(Self.timer), at: 9)
        #expect(effects.events == [.of(.gatherDone, .answered, result: ["digits": "", "reason": "timeout"])])
    }

    @Test func aStaleTimerAndOtherInputsAreIgnored() {
        var machine = Self.waiting()
        #expect(machine.handle(.timerFired(CallTimer(kind: .gather, generation: 1)), at: 2).isEmpty)
        #expect(machine.handle(.promptFinished, at: 2).isEmpty)
        #expect(!machine.isEnded)
    }

    @Test func aHangupStopsItsTimer() {
        var machine = Self.waiting()
        let effects = machine.handle(.callerHungUp, at: 4)
        #expect(effects.stepsBeforeEnd == [.cancelTimer(Self.timer)])
        #expect(effects.record?.disposition == "caller_hangup")
    }

    @Test func itDecodesAndDescribesItselfThroughTheCommonProtocol() throws {
        var fields = try FieldReader(path: "actions[0]", value: ["seconds": 5])
        let action = Action(try PressAnyKey(reading: &fields))
        #expect(action.name == "press_any_key")
        #expect(action.json == ["action": "press_any_key", "seconds": 5])
        #expect(action.spec.summary == "press_any_key")
        #expect(action.as(PressAnyKey.self)?.seconds == 5)
        #expect(action.as(Play.self) == nil)
    }
}

extension CallTimer.Kind {
    static let pressAnyKey = Self("press_any_key")
}
