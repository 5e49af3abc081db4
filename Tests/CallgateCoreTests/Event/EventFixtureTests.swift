@testable import CallgateCore
import Foundation
import Testing

/// The event examples the docs quote are the engine's own encoding, and what a call really sends.
@Suite("Event fixtures")
struct EventFixtureTests {
    @Test func everyEventHasAFixture() {
        let names = Set(Fixtures.names(in: Fixtures.events))
        #expect(names == Set(EventExamples.all.keys))
        #expect(Set(EventName.allCases.map(\.rawValue)).isSubset(of: names))
    }

    @Test("the fixture is the engine's encoding", arguments: Fixtures.names(in: Fixtures.events))
    func matchesEncoding(name: String) throws {
        let event = try #require(EventExamples.all[name], "no example for \(name)")
        #expect(try Fixtures.json(name, in: Fixtures.events) == event.json)
        #expect(try JSONValue.parse(Data(event.json.encodedString.utf8)) == event.json)
        // The hand-built `json` is what the type's Codable conformance writes.
        #expect(event.json == JSONValue.encoding(event))
    }

    @Test func eventsWithoutAnErrorHaveNoErrorKey() {
        guard case .object(let fields) = EventExamples.callStart.json else {
            Issue.record("an event must encode as an object")
            return
        }
        #expect(Set(fields.keys) == ["event", "call", "vars", "result"])
    }

    /// One call, start to end, that sends each example in turn.
    @Test func theExamplesAreWhatACallSends() {
        var machine = CallMachine(call: EventExamples.call)
        var sent: [ScenarioEvent] = []
        func feed(_ input: CallInput, at time: Double) {
            let effects = machine.handle(input, at: time)
            sent += effects.events
            if let end = effects.endEvent { sent.append(end) }
        }
        feed(.start, at: 0)
        let menu = Say(text: "Press 1 for sales.")
        feed(.reply(.set(SetVars(vars: ["lang": "en"])), .gather(Gather(prompt: .say(menu)))), at: 0.5)
        feed(.dtmf("1"), at: 3)
        feed(.reply(.record(Record(maxSeconds: 30))), at: 3.5)
        feed(.recordingFinished(file: "recordings/c0ffee01-1.wav", seconds: 7.5, reason: "silence"), at: 11)
        feed(.reply(.transfer(Transfer(to: "201"))), at: 11.5)
        feed(.transferEnded(reason: "no_answer", details: [:]), at: 41.5)
        feed(.reply(.enqueue(Enqueue(queue: "sales"))), at: 42)
        feed(.queueLeft(reason: "agent_hangup", details: ["agent": "201"]), at: 98)
        feed(.reply(.say(Say(text: "Goodbye.")), .hangup(Hangup())), at: 98.5)
        feed(.promptFinished, at: 100)

        let examples = [
            EventExamples.callStart, EventExamples.gatherDone, EventExamples.recordDone,
            EventExamples.transferDone, EventExamples.queueDone, EventExamples.callEnd,
        ]
        #expect(sent == examples)
        #expect(machine.isEnded)
    }

    @Test func theFallbackExampleIsWhatAFallbackScenarioGets() {
        var machine = CallMachine(call: EventExamples.call, configuration: .init(fallback: .scenario("fallback.sh")))
        _ = machine.handle(.start, at: 0)
        let effects = machine.handle(.failed(.timeout(seconds: 5)), at: 5)
        #expect(effects.steps == [.runScenario(EventExamples.callStartForFallback, role: .fallback)])
    }
}
