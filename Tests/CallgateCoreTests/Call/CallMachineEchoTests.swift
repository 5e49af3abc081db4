@testable import CallgateCore
import Testing

/// `echo`: the caller hears itself until the terminator or `max_seconds`, then the list goes on.
@Suite("CallMachine: echo")
struct CallMachineEchoTests {
    static let timer = CallTimer(kind: .echo, generation: 1)

    static func echoing(_ echo: Echo, then next: Action = .hangup(Hangup())) -> CallMachine {
        var machine = CallMachine.started()
        _ = machine.handle(.reply(.echo(echo), next), at: 1)
        return machine
    }

    @Test func answersAndEchoesWithItsMaximumAsATimer() {
        var machine = CallMachine.started()
        let echo = Echo(maxSeconds: 20)
        let effects = machine.handle(.reply(.echo(echo), .hangup(Hangup())), at: 1)
        #expect(effects.steps == [.answer, .startEcho, .startTimer(Self.timer, seconds: 20)])
    }

    @Test func maxSecondsEndsTheEchoAndTheNextActionRuns() {
        var machine = Self.echoing(Echo(maxSeconds: 20))
        let effects = machine.handle(.timerFired(Self.timer), at: 21)
        #expect(effects.steps.first == .stopEcho)
        #expect(effects.stepsBeforeEnd.contains { if case .hangup = $0 { true } else { false } })
        #expect(machine.isEnded)
    }

    @Test func theTerminatorEndsTheEcho() {
        var machine = Self.echoing(Echo(maxSeconds: 60, terminator: "#"))
        #expect(machine.handle(.dtmf("1"), at: 3).isEmpty)
        let key = machine.handle(.dtmf("#"), at: 4)
        #expect(Array(key.steps.prefix(2)) == [.cancelTimer(Self.timer), .stopEcho])
        #expect(key.trail.contains(.dtmf("#")))
        #expect(machine.isEnded)
        // The old timer does nothing once the echo is over.
        #expect(machine.handle(.timerFired(Self.timer), at: 61).isEmpty)
    }

    @Test func withoutATerminatorKeysAreIgnored() {
        var machine = Self.echoing(Echo(maxSeconds: 60, terminator: ""))
        #expect(machine.handle(.dtmf("#"), at: 3).isEmpty)
        #expect(!machine.isEnded)
    }

    @Test func aHangupStopsTheEcho() {
        var machine = Self.echoing(Echo())
        let effects = machine.handle(.callerHungUp, at: 5)
        #expect(Array(effects.steps.prefix(2)) == [.cancelTimer(Self.timer), .stopEcho])
        #expect(machine.isEnded)
    }

    @Test func echoNeedsNoOutcomeEvent() throws {
        // The list goes on after echo: a say after it is valid, unlike after record.
        let reply = try Reply.parse(Array(#"{"actions":[{"action":"echo","max_seconds":5},{"action":"say","text":"done"}]}"#.utf8))
        #expect(reply.actions.count == 2)
        #expect(reply.actions[0] == .echo(Echo(maxSeconds: 5, terminator: "#")))
    }
}
