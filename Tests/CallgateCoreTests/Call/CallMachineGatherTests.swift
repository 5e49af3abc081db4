@testable import CallgateCore
import Testing

/// `gather`: keys, terminator, timeouts, barge-in and stale timers.
@Suite("CallMachine: gather")
struct CallMachineGatherTests {
    static func timer(_ generation: Int) -> CallTimer { CallTimer(kind: .gather, generation: generation) }

    static func done(_ digits: String, _ reason: String) -> CallEffect {
        .runScenario(.of(.gatherDone, .answered, result: ["digits": .string(digits), "reason": .string(reason)]), role: .primary)
    }

    /// A machine waiting in `gather`, started at 1 s.
    static func gathering(_ gather: Gather) -> CallMachine {
        var machine = CallMachine.started()
        _ = machine.handle(.reply(.gather(gather)), at: 1)
        return machine
    }

    @Test func keysUntilMaxDigits() {
        let gather = Gather(maxDigits: 3, timeout: 5, interDigitTimeout: 2)
        var machine = CallMachine.started()
        let start = machine.handle(.reply(.gather(gather)), at: 1)
        #expect(start.steps == [.answer, .collectDigits(gather), .startTimer(Self.timer(1), seconds: 5)])
        #expect(machine.handle(.dtmf("1"), at: 2).steps == [.cancelTimer(Self.timer(1)), .startTimer(Self.timer(2), seconds: 2)])
        #expect(machine.handle(.dtmf("2"), at: 3).steps == [.cancelTimer(Self.timer(2)), .startTimer(Self.timer(3), seconds: 2)])
        let last = machine.handle(.dtmf("3"), at: 4)
        #expect(last.steps == [.cancelTimer(Self.timer(3)), Self.done("123", "complete")])
        #expect(last.trail.filter { $0 == .dtmf("3") }.count == 1)
    }

    @Test func terminatorEndsInputAndIsNotADigit() {
        var machine = Self.gathering(Gather(maxDigits: 4))
        _ = machine.handle(.dtmf("4"), at: 2)
        _ = machine.handle(.dtmf("2"), at: 3)
        #expect(machine.handle(.dtmf("#"), at: 4).steps == [.cancelTimer(Self.timer(3)), Self.done("42", "terminator")])
    }

    @Test func customTerminator() {
        var machine = Self.gathering(Gather(maxDigits: 4, terminator: "*"))
        _ = machine.handle(.dtmf("#"), at: 2)
        #expect(machine.handle(.dtmf("*"), at: 3).steps == [.cancelTimer(Self.timer(2)), Self.done("#", "terminator")])
    }

    @Test func noTerminatorMakesHashADigit() {
        var machine = Self.gathering(Gather(maxDigits: 2, terminator: ""))
        _ = machine.handle(.dtmf("#"), at: 2)
        #expect(machine.handle(.dtmf("#"), at: 3).steps.last == Self.done("##", "complete"))
    }

    @Test func timeoutWithoutKeys() {
        var machine = Self.gathering(Gather(maxDigits: 4, timeout: 5))
        #expect(machine.handle(.timerFired(Self.timer(1)), at: 6).steps == [Self.done("", "timeout")])
    }

    @Test func timeoutKeepsThePartialDigits() {
        var machine = Self.gathering(Gather(maxDigits: 4, timeout: 5, interDigitTimeout: 2))
        _ = machine.handle(.dtmf("7"), at: 2)
        _ = machine.handle(.dtmf("8"), at: 3)
        #expect(machine.handle(.timerFired(Self.timer(3)), at: 5).steps == [Self.done("78", "timeout")])
    }

    @Test func eachKeyRestartsTheInterDigitTimer() {
        var machine = Self.gathering(Gather(maxDigits: 10, timeout: 8, interDigitTimeout: 3))
        for (i, key) in "12345".enumerated() {
            let effects = machine.handle(.dtmf(key), at: 2 + Double(i))
            #expect(effects.steps == [.cancelTimer(Self.timer(i + 1)), .startTimer(Self.timer(i + 2), seconds: 3)])
        }
    }

    @Test func interDigitTimeoutDefaultsToTheTimeout() {
        var machine = Self.gathering(Gather(maxDigits: 3, timeout: 7))
        #expect(machine.handle(.dtmf("1"), at: 2).steps.last == .startTimer(Self.timer(2), seconds: 7))
    }

    @Test func staleTimersAreIgnored() {
        var machine = Self.gathering(Gather(maxDigits: 3, timeout: 5, interDigitTimeout: 2))
        _ = machine.handle(.dtmf("1"), at: 2)
        // The first timer was cancelled, but its expiry may already be on its way.
        #expect(machine.handle(.timerFired(Self.timer(1)), at: 6).isEmpty)
        #expect(machine.handle(.timerFired(CallTimer(kind: .record, generation: 2)), at: 6).isEmpty)
        #expect(machine.handle(.dtmf("2"), at: 3).steps.last == .startTimer(Self.timer(3), seconds: 2))
    }

    @Test func timersAfterTheGatherEndedAreIgnored() {
        var machine = Self.gathering(Gather(maxDigits: 1))
        _ = machine.handle(.dtmf("1"), at: 2)
        #expect(machine.handle(.timerFired(Self.timer(1)), at: 6).isEmpty)
        #expect(machine.handle(.dtmf("2"), at: 6).isEmpty)
    }

    @Test func theTimerStartsWhenThePromptEnds() {
        let prompt = Prompt.say(Say(text: "Enter your PIN"))
        let gather = Gather(maxDigits: 4, timeout: 6, interDigitTimeout: 2, prompt: prompt)
        var machine = CallMachine.started()
        let start = machine.handle(.reply(.gather(gather)), at: 1)
        #expect(start.steps == [.answer, .collectDigits(gather), .startPrompt(prompt)])
        #expect(machine.handle(.promptFinished, at: 9).steps == [.startTimer(Self.timer(1), seconds: 6)])
        #expect(machine.handle(.timerFired(Self.timer(1)), at: 15).steps == [Self.done("", "timeout")])
    }

    @Test func aKeyDuringThePromptStopsIt() {
        let prompt = Prompt.play(Play(file: "menu.wav"))
        var machine = Self.gathering(Gather(maxDigits: 2, timeout: 6, interDigitTimeout: 2, prompt: prompt))
        let effects = machine.handle(.dtmf("5"), at: 2)
        #expect(effects.steps == [.stopPrompt, .startTimer(Self.timer(1), seconds: 2)])
        // A prompt-end that crossed the stop changes nothing.
        #expect(machine.handle(.promptFinished, at: 2.1).isEmpty)
        #expect(machine.handle(.dtmf("6"), at: 3).steps == [.cancelTimer(Self.timer(1)), Self.done("56", "complete")])
    }

    @Test func aSingleKeyDuringThePromptCanCompleteTheGather() {
        let prompt = Prompt.play(Play(file: "menu.wav"))
        var machine = Self.gathering(Gather(maxDigits: 1, prompt: prompt))
        #expect(machine.handle(.dtmf("2"), at: 2).steps == [.stopPrompt, Self.done("2", "complete")])
    }

    @Test func theTerminatorDuringThePromptEndsWithNoDigits() {
        let prompt = Prompt.play(Play(file: "menu.wav"))
        var machine = Self.gathering(Gather(maxDigits: 4, prompt: prompt))
        #expect(machine.handle(.dtmf("#"), at: 2).steps == [.stopPrompt, Self.done("", "terminator")])
    }

    @Test func keysOutsideAGatherAreIgnored() {
        var machine = CallMachine.started()
        #expect(machine.handle(.dtmf("1"), at: 0.5).isEmpty)
        _ = machine.handle(.reply(.play(Play(file: "welcome.wav"))), at: 1)
        #expect(machine.handle(.dtmf("1"), at: 2).isEmpty)
    }

    @Test func theNextReplyCanGatherAgain() {
        var machine = Self.gathering(Gather(maxDigits: 1))
        _ = machine.handle(.dtmf("9"), at: 2)
        let again = machine.handle(.reply(.gather(Gather(maxDigits: 2))), at: 2.5)
        #expect(again.steps == [.collectDigits(Gather(maxDigits: 2)), .startTimer(Self.timer(2), seconds: 5)])
    }
}
