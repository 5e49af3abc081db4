import Foundation
import Testing

/// `callgate test` end to end on the demo IVR and every example, as the docs tell admins to run it.
@Suite(.serialized) struct ExampleScenarioTests {
    static let passing: [[String]] = [
        // The demo IVR: every branch of the menu.
        ["scenarios/demo-ivr.sh", "--dtmf", "1", "--expect", "enqueue:support", "--expect", "event:queue.done"],
        ["scenarios/demo-ivr.sh", "--dtmf", "2,3", "--expect", "say:balance", "--expect", "record", "--expect", "event:record.done"],
        ["scenarios/demo-ivr.sh", "--dtmf", "0", "--agent", "busy", "--expect", "transfer:1001", "--expect", "enqueue:support"],
        ["scenarios/demo-ivr.sh", "--dtmf", "1", "--queue-result", "no_agents", "--expect", "record"],
        ["scenarios/demo-ivr.sh", "--dtmf", "9,,7", "--expect", "set:tries=3", "--expect", "hangup:no_input", "--expect-no", "enqueue"],
        // CRM lookup (Python, CSV).
        ["scenarios/examples/crm-lookup.py", "--from", "+15550002", "--expect", "say:minus 45 dollars", "--expect", "enqueue:billing"],
        ["scenarios/examples/crm-lookup.py", "--from", "+15550001", "--expect", "set:tier=vip", "--expect", "enqueue:support"],
        ["scenarios/examples/crm-lookup.py", "--from", "+15559999", "--expect", "set:customer_known=false", "--expect", "enqueue:support"],
        // Outage notice (C, compiled).
        ["scenarios/examples/outage-notice", "--from", "+15550002", "--expect", "say:power outage", "--expect", "set:outage=+1555000", "--expect", "enqueue:support"],
        ["scenarios/examples/outage-notice", "--from", "+4989123456", "--expect", "enqueue:support", "--expect-no", "say"],
        // Operator rating after the call (sh).
        ["scenarios/examples/rating.sh", "--queue-result", "agent_hangup", "--dtmf", "5", "--expect", "set:rating=5", "--expect", "say:Thank"],
        ["scenarios/examples/rating.sh", "--queue-result", "agent_hangup", "--dtmf", "9", "--expect", "hangup:not_rated"],
        ["scenarios/examples/rating.sh", "--queue-result", "no_agents", "--expect", "hangup:no_operator"],
        // A persistent menu (Python and sh): long-lived workers, one JSON line per event.
        ["scenarios/examples/persistent-menu.py", "--persistent", "--dtmf", "1", "--expect", "say:open from 9", "--expect", "hangup:hours_given"],
        ["scenarios/examples/persistent-menu.py", "--persistent", "--dtmf", "5", "--expect", "hangup:no_choice", "--expect-no", "say"],
        ["scenarios/examples/persistent-menu.sh", "--persistent", "--dtmf", "1", "--expect", "say:open from 9", "--expect", "event:call.end"],
        ["scenarios/examples/persistent-menu.sh", "--persistent", "--workers", "1", "--dtmf", "", "--expect", "hangup:no_choice"],
    ]

    init() throws {
        try CLI.buildCExample()
    }

    @Test(arguments: passing)
    func exampleBehavesAsDocumented(_ arguments: [String]) throws {
        let run = try CLI.run(["test"] + arguments)
        #expect(run.status == 0, "\(arguments.joined(separator: " "))\n\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("PASS"))
    }

    @Test func demoTranscriptReadsLikeTheCall() throws {
        let run = try CLI.run(["test", "scenarios/demo-ivr.sh", "--dtmf", "1"])
        #expect(run.status == 0)
        let text = run.stdout
        for piece in ["→ call.start", "← reply:", "▶ gather", "caller presses 1", "→ gather.done {\"digits\":\"1\",\"reason\":\"complete\"}",
                      "▶ enqueue in support", "→ queue.done", "→ call.end", "call ended: completed"] {
            #expect(text.contains(piece), "transcript lacks \(piece)\n\(text)")
        }
        // Steps come in the order they happened.
        let order = ["→ call.start", "→ gather.done", "→ queue.done", "→ call.end"].compactMap { text.range(of: $0)?.lowerBound }
        #expect(order.count == 4 && order == order.sorted())
    }

    @Test func everyExampleIsExercisedHere() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: CLI.root.appendingPathComponent("scenarios/examples").path)
        let scenarios = files.filter { $0.hasSuffix(".py") || $0.hasSuffix(".sh") || $0.hasSuffix(".c") }
            .map { $0.hasSuffix(".c") ? String($0.dropLast(2)) : $0 }
        let tested = Set(Self.passing.map { URL(fileURLWithPath: $0[0]).lastPathComponent })
        #expect(!scenarios.isEmpty)
        for scenario in scenarios { #expect(tested.contains(scenario), "\(scenario) has no callgate test here") }
    }
}
