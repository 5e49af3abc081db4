@testable import CallgateCore
import Testing

/// `set`: vars merge, `null` deletes, they travel with every later event, and their size is capped.
@Suite("CallMachine: vars")
struct CallMachineVarsTests {
    @Test func setMergesAndNullDeletes() {
        var machine = CallMachine.started(vars: ["campaign": "spring", "lang": "en"])
        let first = SetVars(vars: ["lang": "de", "attempts": 1])
        _ = machine.handle(.reply(.set(first), .gather(Gather())), at: 1)
        #expect(machine.vars == ["campaign": "spring", "lang": "de", "attempts": 1])
        let done = machine.handle(.dtmf("1"), at: 2)
        #expect(done.events.first?.vars == ["campaign": "spring", "lang": "de", "attempts": 1])

        let second = SetVars(vars: ["campaign": .null, "attempts": 2, "choice": ["key": "1"]])
        _ = machine.handle(.reply(.set(second), .gather(Gather())), at: 2.5)
        let next = machine.handle(.dtmf("2"), at: 3)
        #expect(next.events.first?.vars == ["lang": "de", "attempts": 2, "choice": ["key": "1"]])
        #expect(machine.record.vars == machine.vars)
    }

    @Test func varsReachTheCallEndEventAndTheRecord() {
        var machine = CallMachine.started()
        let effects = machine.handle(.reply(.set(SetVars(vars: ["outcome": "sale"])), .hangup(Hangup())), at: 1)
        #expect(effects.endEvent?.vars == ["outcome": "sale"])
        #expect(effects.record?.vars == ["outcome": "sale"])
    }

    @Test func setRunsInItsTurn() {
        // The whole reply is checked first, but a set after a play runs only when the play ends.
        var machine = CallMachine.started()
        _ = machine.handle(.reply(.play(Play(file: "a.wav")), .set(SetVars(vars: ["heard": true])), .gather(Gather())), at: 1)
        #expect(machine.vars == [:])
        _ = machine.handle(.promptFinished, at: 2)
        #expect(machine.vars == ["heard": true])
    }

    @Test func varsTooLargeAreNotAllowed() {
        var machine = CallMachine.started(.init(maxVarsBytes: 40))
        let big = SetVars(vars: ["notes": .string(String(repeating: "x", count: 50))])
        let effects = machine.handle(.reply(.set(SetVars(vars: ["a": 1])), .set(big), .play(Play(file: "a.wav"))), at: 1)
        #expect(effects.steps == [.answer, .startPrompt(.play(Play(file: "error.wav")))])
        #expect(machine.vars == [:], "nothing of a refused reply runs")
        let failure = effects.trail.compactMap { if case .failure(let f, _, _) = $0 { f } else { nil } }.first
        guard case .notAllowed(let error)? = failure else {
            Issue.record("expected not_allowed, got \(String(describing: failure))")
            return
        }
        #expect(error.field == "actions[1].vars")
        #expect(error.problem.contains("at most 40 allowed"))
    }

    @Test func deletingKeepsVarsUnderTheLimit() {
        let notes: JSONValue = .string(String(repeating: "x", count: 20))
        var machine = CallMachine.started(.init(maxVarsBytes: 40), vars: ["notes": notes])
        let effects = machine.handle(.reply(.set(SetVars(vars: ["notes": .null, "more": notes])), .gather(Gather())), at: 1)
        #expect(effects.steps.first == .answer)
        #expect(machine.vars == ["more": notes])
    }
}
