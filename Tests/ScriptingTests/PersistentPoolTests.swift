import CallgateCore
import Foundation
import Scripting
import Testing

/// Persistent scenarios: long-lived workers answer one event per line, matched by call id.
@Suite struct PersistentPoolTests {
    @Test func severalConcurrentCallsAreAnsweredInOrderByTwoWorkers() async throws {
        let fixture = try ScriptFixture()
        defer { fixture.remove() }
        // Slow enough that the calls overlap and have to share the two workers.
        let pool = PersistentScenarioPool(path: try fixture.worker(body: "sleep 0.05"), workers: 2)
        let calls = (1...6).map { "call-\($0)" }
        let answers = await withTaskGroup(of: [(EventName, ScenarioOutcome)].self) { tasks in
            for id in calls {
                tasks.addTask {
                    var outcomes: [(EventName, ScenarioOutcome)] = []
                    for name in [EventName.callStart, .gatherDone, .callEnd] {
                        let outcome = await pool.run(ScriptFixture.event(name, id: id), expectsReply: name != .callEnd)
                        outcomes.append((name, outcome))
                    }
                    return outcomes
                }
            }
            return await tasks.reduce(into: []) { $0.append($1) }
        }
        #expect(answers.count == 6)
        var pids: Set<Int32> = []
        for outcomes in answers {
            for (name, outcome) in outcomes {
                #expect(outcome.persistent)
                guard name != .callEnd else {
                    #expect(outcome.reply == Reply(actions: []), "a notification's actions are ignored")
                    continue
                }
                #expect(outcome.setVars["event"] == .string(name.rawValue))
                if let pid = outcome.workerPID { pids.insert(pid) }
            }
            // Each call got the answers to its own events.
            let callIDs = Set(outcomes.filter { $0.0 != .callEnd }.map { $0.1.setVars["call"] })
            #expect(callIDs.count == 1)
        }
        #expect(pids.count == 2, "two workers served every event: \(pids)")
        #expect(fixture.workerPIDs.count == 2, "no worker was started per event")
        await pool.shutdown()
    }

    @Test func eventsWaitForAFreeWorkerAndTheWaitDoesNotCountAgainstTheDeadline() async throws {
        let fixture = try ScriptFixture()
        defer { fixture.remove() }
        let pool = PersistentScenarioPool(path: try fixture.worker(body: "sleep 0.2"), workers: 1,
                                          limits: ScenarioLimits(deadline: .milliseconds(1500)))
        let start = ContinuousClock.now
        let outcomes = await withTaskGroup(of: ScenarioOutcome.self) { tasks in
            for i in 1...4 { tasks.addTask { await pool.run(ScriptFixture.event(id: "c\(i)")) } }
            return await tasks.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.allSatisfy { $0.failure == nil })
        #expect(Set(outcomes.compactMap(\.workerPID)).count == 1)
        #expect(ContinuousClock.now - start >= .milliseconds(800), "one worker, one event at a time")
        await pool.shutdown()
    }

    @Test func workerGetsTheCleanEnvironmentAndItsFolder() async throws {
        let fixture = try ScriptFixture()
        defer { fixture.remove() }
        let path = try fixture.script("env.sh", #"""
            #!/bin/sh
            while IFS= read -r line; do
                mode=$CALLGATE_MODE; where=$(pwd); ev=${CALLGATE_EVENT-unset}; user=${USER-unset}
                id=${line#*\"id\":\"}; id=${id%%\"*}
                printf '{"call_id":"%s","actions":[{"action":"set","vars":{"mode":"%s","dir":"%s","event_var":"%s","user":"%s"}}]}\n' \
                    "$id" "$mode" "$where" "$ev" "$user"
            done
            """#)
        let pool = PersistentScenarioPool(path: path, environment: ["PATH": "/usr/bin:/bin", "USER": "root", "SECRET": "x"])
        let outcome = await pool.run(ScriptFixture.event())
        #expect(outcome.setVars["mode"] == "persistent")
        #expect(outcome.setVars["event_var"] == "unset", "no per-event variables: the events come on stdin")
        #expect(outcome.setVars["user"] == "unset")
        let folder = fixture.directory.resolvingSymlinksInPath().path
        #expect(outcome.setVars["dir"].map { $0 == .string(folder) || $0 == .string(fixture.directory.path) } == true)
        await pool.shutdown()
    }

    @Test func stderrDuringAnEventComesWithItsOutcome() async throws {
        let fixture = try ScriptFixture()
        defer { fixture.remove() }
        let pool = PersistentScenarioPool(path: try fixture.worker(body: "echo \"looking up $id\" >&2; sleep 0.3"))
        let outcome = await pool.run(ScriptFixture.event(id: "c-9"))
        #expect(outcome.stderr == ["looking up c-9"])
        #expect(outcome.exitCode == nil, "the worker keeps running")
        await pool.shutdown()
    }

    @Test func answerWrittenInPiecesAndWithCRLFIsOneLine() async throws {
        let fixture = try ScriptFixture()
        defer { fixture.remove() }
        let pool = PersistentScenarioPool(path: try fixture.worker(body: """
            printf '{"call_id":"%s",' "$id"; sleep 0.1; printf '"actions":[{"action":"hangup"}]}\r\n\n'; continue
            """))
        for id in ["a", "b"] {
            let outcome = await pool.run(ScriptFixture.event(id: id))
            #expect(outcome.reply == Reply(actions: [.hangup(Hangup())]), "\(String(describing: outcome.failure))")
        }
        #expect(fixture.workerPIDs.count == 1, "a CR and an empty line after the answer are not a second answer")
        await pool.shutdown()
    }

    @Test func invalidActionsFailTheEventButKeepTheWorker() async throws {
        let fixture = try ScriptFixture()
        defer { fixture.remove() }
        let pool = PersistentScenarioPool(path: try fixture.worker(body: """
            if [ "$id" = bad ]; then printf '{"call_id":"%s","actions":[{"action":"say"}]}\\n' "$id"; continue; fi
            """))
        let first = await pool.run(ScriptFixture.event(id: "good"))
        let bad = await pool.run(ScriptFixture.event(id: "bad"))
        let after = await pool.run(ScriptFixture.event(id: "good"))
        guard case .invalidReply(let error)? = bad.failure else {
            Issue.record("expected invalid_reply, got \(String(describing: bad.failure))")
            return
        }
        #expect(error.field == "actions[0].text")
        #expect(first.workerPID == after.workerPID, "a worker still in step is kept")
        await pool.shutdown()
    }

    @Test func missingScenarioAndBadInterpreterFailLikeNormalRuns() async throws {
        let fixture = try ScriptFixture()
        defer { fixture.remove() }
        let missing = PersistentScenarioPool(path: fixture.path("nope.py"))
        #expect(await missing.run(ScriptFixture.event()).failure == .notFound(path: fixture.path("nope.py")))
        let broken = PersistentScenarioPool(path: try fixture.script("bad.sh", "#!/no/such/interpreter\n"))
        guard case .spawnFailed? = await broken.run(ScriptFixture.event()).failure else {
            Issue.record("expected spawn_failed")
            return
        }
    }
}
