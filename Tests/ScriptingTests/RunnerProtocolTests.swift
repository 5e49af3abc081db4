import CallgateCore
import Foundation
import Scripting
import Testing

/// What a scenario gets: the event on stdin, a clean CGI environment, its own folder, no shell.
@Suite struct RunnerProtocolTests {
    @Test func environmentIsCGIStyleAndNothingElseLeaks() async throws {
        let fixture = try ScriptFixture()
        defer { fixture.remove() }
        let runner = ScenarioRunner(environment: ["PATH": "/usr/bin:/bin", "HOME": "/root", "LANG": "C.UTF-8", "DATABASE_PASSWORD": "hunter2"])
        let path = try fixture.script("env.sh", "#!/bin/sh\nenv >&2\necho '{\"actions\":[]}'\n")
        let event = ScriptFixture.event(.gatherDone, vars: ["tries": 2, "customer-id": "c-9", "deep": ["a": 1]],
                                        result: ["digits": "42", "reason": "complete"])
        let outcome = await runner.run(path, event: event)
        let env = Set(outcome.stderr.filter { !$0.hasPrefix("PWD=") && !$0.hasPrefix("SHLVL=") && !$0.hasPrefix("_=") })
        #expect(env == [
            "CALLGATE_EVENT=gather.done", "CALLGATE_CALL_ID=call-42", "CALLGATE_FROM=+15550100", "CALLGATE_TO=100",
            "CALLGATE_DIRECTION=inbound", "CALLGATE_STATE=ringing",
            "CALLGATE_VAR_TRIES=2", "CALLGATE_VAR_CUSTOMER_ID=c-9",
            "CALLGATE_RESULT_DIGITS=42", "CALLGATE_RESULT_REASON=complete",
            "PATH=/usr/bin:/bin", "HOME=/root", "LANG=C.UTF-8",
        ])
    }

    @Test func eventArrivesOnStdinAsOneJSONObject() async throws {
        let fixture = try ScriptFixture()
        defer { fixture.remove() }
        let path = try fixture.script("echo.py", """
            #!/usr/bin/env python3
            import json, sys
            event = json.load(sys.stdin)
            print(json.dumps({"actions": [{"action": "set", "vars": {"seen_event": event["event"], "seen_id": event["call"]["id"],
                              "seen_var": event["vars"]["color"]}}]}))
            """)
        let outcome = await ScenarioRunner().run(path, event: ScriptFixture.event(vars: ["color": "blue"]))
        #expect(outcome.setVars == ["seen_event": "call.start", "seen_id": "call-42", "seen_var": "blue"])
    }

    @Test func scriptThatNeverReadsStdinStillAnswers() async throws {
        let fixture = try ScriptFixture()
        defer { fixture.remove() }
        // An event far larger than a pipe buffer, so writing it would block if the runner waited on it.
        let big = ScriptFixture.event(vars: ["blob": .string(String(repeating: "x", count: 512 * 1024))])
        let path = try fixture.script("deaf.sh", "#!/bin/sh\necho '{\"actions\":[{\"action\":\"answer\"}]}'\n")
        let outcome = await ScenarioRunner().run(path, event: big)
        #expect(outcome.reply?.actions == [.answer(Answer())], "\(String(describing: outcome.failure)) \(outcome.elapsed)")
    }

    @Test func runsInItsOwnFolderWithoutAShell() async throws {
        let fixture = try ScriptFixture()
        defer { fixture.remove() }
        // A shell would split this name at ';' and try to run `b.sh`.
        let path = try fixture.script("a;b $(x).sh", "#!/bin/sh\nprintf '{\"actions\":[{\"action\":\"set\",\"vars\":{\"dir\":\"%s\"}}]}' \"$(pwd)\"\n")
        let outcome = await ScenarioRunner().run(path, event: ScriptFixture.event())
        let dir = URL(fileURLWithPath: fixture.directory.path).resolvingSymlinksInPath().path
        #expect(outcome.setVars["dir"].flatMap(\.scalarText).map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path } == dir)
    }

    @Test func concurrencyCapMakesTheRestWait() async throws {
        let fixture = try ScriptFixture()
        defer { fixture.remove() }
        let log = fixture.path("log")
        // Each run notes when it starts and ends; with a cap of 2, no more than 2 are ever inside.
        let path = try fixture.script("slow.sh", "#!/bin/sh\necho start >> \(log)\nsleep 0.3\necho end >> \(log)\necho '{\"actions\":[]}'\n")
        let runner = ScenarioRunner(maxConcurrent: 2)
        let outcomes = await withTaskGroup(of: ScenarioOutcome.self) { group in
            for i in 0..<6 { group.addTask { await runner.run(path, event: ScriptFixture.event(id: "c\(i)")) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.allSatisfy { $0.reply != nil })
        let lines = (fixture.read("log") ?? "").split(separator: "\n")
        #expect(lines.count == 12)
        var inside = 0, most = 0
        for line in lines {
            inside += line == "start" ? 1 : -1
            most = max(most, inside)
        }
        #expect(most == 2)
    }
}
