import Foundation
import Testing

/// The exit statuses and outputs admins build their own CI on.
@Suite struct TestCommandTests {
    func scenario(_ body: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("callgate-cli-\(UUID().uuidString).sh")
        try body.write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        return url.path
    }

    @Test func unmetExpectationExitsOneAndSaysWhatRan() throws {
        let run = try CLI.run(["test", "scenarios/demo-ivr.sh", "--dtmf", "1", "--expect", "enqueue:billing"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("FAIL enqueue:billing (seen: support)"))
    }

    @Test func brokenScenarioExitsTwoAndShowsTheFallback() throws {
        let path = try scenario("#!/bin/sh\necho 'not json at all'\n")
        let run = try CLI.run(["test", path])
        #expect(run.status == 2)
        #expect(run.stdout.contains("[not_json]"))
        #expect(run.stdout.contains("↪ fallback: error prompt, then hang up"))
        #expect(run.stdout.contains("▶ play error.wav (by the engine)"))
        #expect(run.stdout.contains("call ended: failed"))
    }

    @Test func fallbackScenarioTakesOverTheCall() throws {
        let broken = try scenario("#!/bin/sh\nexit 7\n")
        let backup = try scenario("#!/bin/sh\n[ \"$CALLGATE_EVENT\" = call.start ] && echo '{\"actions\":[{\"action\":\"say\",\"text\":\"error was '\"$CALLGATE_ERROR\"'\"}]}' || echo '{\"actions\":[]}'\n")
        let run = try CLI.run(["test", broken, "--fallback", backup, "--expect", "say:error was exit_status"])
        #expect(run.status == 2)  // a failure happened, even though the fallback handled it
        #expect(run.stdout.contains("ok   say:error was exit_status"))
    }

    /// A campaign's scenario, checked before any real call: `call.start` on an answered outbound
    /// call, or only `call.end` with the disposition when the callee does not answer.
    @Test func outboundCallsStartOnTheAnswerOrEndSayingWhy() throws {
        let path = try scenario("#!/bin/sh\ncase \"$CALLGATE_EVENT\" in call.start) echo \"{\\\"actions\\\":[{\\\"action\\\":\\\"say\\\",\\\"text\\\":\\\"$CALLGATE_DIRECTION $CALLGATE_STATE\\\"},{\\\"action\\\":\\\"hangup\\\"}]}\" ;; *) echo '{\"actions\":[]}' ;; esac\n")
        let answered = try CLI.run(["test", path, "--outbound", "--expect", "say:outbound answered"])
        #expect(answered.status == 0, "\(answered.stdout)")
        #expect(answered.stdout.contains("the callee answers"))
        let busy = try CLI.run(["test", path, "--outbound", "--callee", "busy", "--expect-no", "say"])
        #expect(busy.status == 0, "\(busy.stdout)")
        #expect(busy.stdout.contains("\"disposition\":\"busy\""))
        #expect(!busy.stdout.contains("call.start"))
        let machine = try CLI.run(["test", path, "--outbound", "--callee", "machine", "--amd"])
        #expect(machine.stdout.contains("\"result\":\"machine\""), "call.start carries the verdict: \(machine.stdout)")
        let wrong = try CLI.run(["test", path, "--callee", "busy"])
        #expect(wrong.status == 64, "--callee needs --outbound")
    }

    @Test func echoRunsUntilItsTimeThenTheListGoesOn() throws {
        let path = try scenario("#!/bin/sh\n[ \"$CALLGATE_EVENT\" = call.start ] && echo '{\"actions\":[{\"action\":\"echo\",\"max_seconds\":10},{\"action\":\"hangup\",\"reason\":\"after-echo\"}]}' || echo '{\"actions\":[]}'\n")
        let run = try CLI.run(["test", path, "--expect", "hangup"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("▶ echo the caller's audio for up to 10 s (# ends it)"))
        #expect(run.stdout.contains("10.0  ~ echo stopped"))
        #expect(run.stdout.contains("hangup (after-echo)"))
    }

    @Test func hangingScenarioIsCutAtTheDeadline() throws {
        let path = try scenario("#!/bin/sh\nsleep 30\n")
        let run = try CLI.run(["test", path, "--deadline", "0.3"])
        #expect(run.status == 2)
        #expect(run.stdout.contains("[timeout]"))
    }

    @Test func jsonModePrintsOneObjectPerLineAndAVerdict() throws {
        let run = try CLI.run(["test", "scenarios/demo-ivr.sh", "--dtmf", "1", "--json", "--expect", "enqueue:support"])
        #expect(run.status == 0)
        let objects = try run.lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(objects.allSatisfy { $0?["kind"] is String })
        let verdict = try #require(objects.last ?? nil)
        #expect(verdict["kind"] as? String == "verdict")
        #expect(verdict["exit"] as? Int == 0)
        #expect(objects.contains { $0?["kind"] as? String == "event" })
    }

    @Test(arguments: [
        ["test", "scenarios/demo-ivr.sh", "--dtmf", "1x"],
        ["test", "scenarios/demo-ivr.sh", "--queue-result", "maybe"],
        ["test", "scenarios/demo-ivr.sh", "--agents", "0"],
        ["test", "scenarios/demo-ivr.sh", "--agent-answers-after", "-1"],
        ["test", "scenarios/demo-ivr.sh", "--expect", "dance"],
        ["test", "scenarios/demo-ivr.sh", "--vars", "1bad=x"],
        ["test", "scenarios/examples/persistent-menu.py", "--persistent", "--workers", "0"],
        ["test", "scenarios/examples/persistent-menu.py", "--persistent", "--workers", "17"],
        ["test"],
    ])
    func usageErrorsExitSixtyFour(_ arguments: [String]) throws {
        let run = try CLI.run(arguments)
        #expect(run.status == 64, "\(arguments): \(run.stderr)")
        #expect(!run.stderr.isEmpty)
    }

    @Test func persistentRunGivesTheSameTranscriptAsAProcessPerEvent() throws {
        // One file for both models: a loop with call_id when CALLGATE_MODE=persistent, one event otherwise.
        let path = try scenario(#"""
            #!/bin/sh
            actions() {
                case $1 in
                *'"event":"call.start"'*) a='{"action":"gather","max_digits":1,"prompt":{"action":"say","text":"press"}}' ;;
                *'"event":"gather.done"'*) a='{"action":"say","text":"bye"},{"action":"hangup","reason":"done"}' ;;
                *) a='' ;;
                esac
            }
            if [ "$CALLGATE_MODE" = persistent ]; then
                while IFS= read -r line; do
                    actions "$line"; id=${line#*\"id\":\"}; id=${id%%\"*}
                    printf '{"call_id":"%s","actions":[%s]}\n' "$id" "$a"
                done
            else
                IFS= read -r line; actions "$line"; printf '{"actions":[%s]}\n' "$a"
            fi
            """#)
        let normal = try CLI.run(["test", path, "--dtmf", "1", "--json", "--expect", "say:bye"])
        let persistent = try CLI.run(["test", path, "--dtmf", "1", "--json", "--expect", "say:bye", "--persistent"])
        #expect(normal.status == 0 && persistent.status == 0, "\(normal.stdout)\n\(persistent.stdout)")
        // Every step but the run lines (their times, and "persistent") is the same.
        let steps = { (run: CLI.Run) in run.lines.filter { !$0.contains(#""kind":"scenario""#) } }
        #expect(steps(normal) == steps(persistent))
        #expect(steps(normal).count > 5)
        let runs = persistent.lines.filter { $0.contains(#""kind":"scenario""#) }
        #expect(runs.count == 3 && runs.allSatisfy { $0.contains(#""persistent":true"#) && $0.contains(#""exit_code":null"#) })
        let text = try CLI.run(["test", path, "--dtmf", "1", "--persistent"])
        #expect(text.stdout.contains("scenario ran for call.start in") && text.stdout.contains("(persistent worker)"))
    }

    @Test func missingScenarioIsAFailureNotACrash() throws {
        let run = try CLI.run(["test", "scenarios/no-such-scenario.sh"])
        #expect(run.status == 2)
        #expect(run.stdout.contains("[not_found]"))
    }

    @Test func varsReachTheScenario() throws {
        let path = try scenario("#!/bin/sh\necho \"{\\\"actions\\\":[{\\\"action\\\":\\\"say\\\",\\\"text\\\":\\\"hello $CALLGATE_VAR_NAME\\\"}]}\"\n")
        let run = try CLI.run(["test", path, "--vars", "name=Ada", "--expect", "say:hello Ada"])
        #expect(run.status == 0, "\(run.stdout)")
    }

    @Test func theConfiguredQueueAndAgentsTakeTheCall() throws {
        let path = try scenario("#!/bin/sh\n[ \"$CALLGATE_EVENT\" = call.start ] && echo '{\"actions\":[{\"action\":\"enqueue\",\"queue\":\"sales\"}]}' || echo '{\"actions\":[]}'\n")
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("callgate-cli-\(UUID().uuidString).yaml")
        try """
            routes:
              - {match: "*", scenario: \(path)}
            queues:
              - {name: sales, strategy: ring-all}
            agents:
              - {extension: "201", name: Ann, password_hash: "md5:9bf27cb60eaf5577521b9ee4a59bf9f2", queues: [sales]}
              - {extension: "202", name: Bob, password_hash: "md5:6d6ac65532c98927852c4b39c465a18d", queues: [sales]}
            """.write(to: config, atomically: true, encoding: .utf8)
        let run = try CLI.run(["test", path, "--config", config.path, "--agent-answers-after", "4", "--talk-seconds", "12"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        for line in ["0.0  ~ agent 201 rings", "0.0  ~ agent 202 rings", "4.0  ~ agent 201 answers after 4 s; bridged",
                     "4.0  ~ agent 202 stops ringing", "16.0  ~ agent 201 hangs up after 12 s of talk",
                     #"→ queue.done {"agent":"201","queue":"sales","reason":"agent_hangup","talk_seconds":12,"wait_seconds":4}"#] {
            #expect(run.stdout.contains(line), "transcript lacks \(line)\n\(run.stdout)")
        }
        // Only the configured queues exist: an enqueue into another one fails, as in `serve`.
        let other = try CLI.run(["test", "scenarios/demo-ivr.sh", "--dtmf", "1", "--config", config.path])
        #expect(other.status == 2)
        #expect(other.stdout.contains("there is no queue named support"))
    }
}
