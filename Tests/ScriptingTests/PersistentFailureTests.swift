import CallgateCore
import Foundation
import Scripting
import Testing

/// A worker that hangs, dies or breaks the protocol fails its event with the usual typed failure,
/// is killed with its process group, and a new worker takes the next event.
@Suite struct PersistentFailureTests {
    /// Runs `bad` (which must fail with `expected`), then a good event, which must work on a new worker.
    func expectReplacement(body: String, bad: String = "bad", limits: ScenarioLimits = .init(deadline: .seconds(5)),
                           _ check: (ScenarioFailure?) -> Bool) async throws {
        let fixture = try ScriptFixture()
        defer { fixture.remove() }
        let pool = PersistentScenarioPool(path: try fixture.worker(body: body), workers: 1, limits: limits)
        let first = await pool.run(ScriptFixture.event(id: "good"))
        let firstPID = try #require(first.workerPID)
        let failed = await pool.run(ScriptFixture.event(id: bad))
        #expect(check(failed.failure), "unexpected failure: \(String(describing: failed.failure))")
        #expect(failed.persistent)
        #expect(await eventually { !isAlive(firstPID) }, "the failed worker is killed")
        let next = await pool.run(ScriptFixture.event(id: "good"))
        #expect(next.failure == nil)
        #expect(next.workerPID != nil && next.workerPID != firstPID, "a new worker takes the next event")
        #expect(fixture.workerPIDs.count == 2)
        await pool.shutdown()
    }

    @Test func hangingWorkerTimesOutIsKilledWithItsChildrenAndReplaced() async throws {
        let fixture = try ScriptFixture()
        defer { fixture.remove() }
        let pool = PersistentScenarioPool(path: try fixture.worker(body: """
            if [ "$id" = hang ]; then sleep 600 & echo $! > child; wait; fi
            """), workers: 1, limits: ScenarioLimits(deadline: .milliseconds(500)))
        let first = await pool.run(ScriptFixture.event(id: "ok"))
        let pid = try #require(first.workerPID)
        let start = ContinuousClock.now
        let hung = await pool.run(ScriptFixture.event(id: "hang"))
        #expect(hung.failure == .timeout(seconds: 0.5))
        #expect(ContinuousClock.now - start < .seconds(2), "the deadline ends the wait, not the worker")
        let child = try #require(fixture.read("child").flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
        #expect(await eventually { !isAlive(pid) && !isAlive(child) }, "the worker's whole group is killed")
        let next = await pool.run(ScriptFixture.event(id: "ok"))
        #expect(next.failure == nil)
        #expect(next.workerPID != pid)
        await pool.shutdown()
    }

    @Test func workerThatExitsFailsItsEventWithItsStatus() async throws {
        try await expectReplacement(body: #"if [ "$id" = bad ]; then echo "database is down" >&2; exit 3; fi"#) {
            $0 == .exitStatus(code: 3, stderrTail: "database is down")
        }
    }

    @Test func workerThatExitsCleanlyWithoutAnsweringIsNotJSON() async throws {
        try await expectReplacement(body: #"if [ "$id" = bad ]; then exit 0; fi"#) {
            if case .notJSON(let detail)? = $0 { detail.contains("without answering") } else { false }
        }
    }

    @Test func workerKilledBySignal() async throws {
        try await expectReplacement(body: #"if [ "$id" = bad ]; then kill -SEGV $$; fi"#) { $0 == .killedBySignal(signal: SIGSEGV) }
    }

    @Test func workerThatClosesStdoutButLivesOnIsKilled() async throws {
        try await expectReplacement(body: #"if [ "$id" = bad ]; then exec >&-; sleep 600; fi"#) {
            if case .notJSON(let detail)? = $0 { detail.contains("closed its stdout") } else { false }
        }
    }

    @Test func garbageLineIsNotJSON() async throws {
        try await expectReplacement(body: #"if [ "$id" = bad ]; then echo 'hello, caller'; continue; fi"#) {
            if case .notJSON? = $0 { true } else { false }
        }
    }

    @Test func replyForAnotherCallIsInvalid() async throws {
        try await expectReplacement(body: #"if [ "$id" = bad ]; then id=someone-else; fi"#) {
            guard case .invalidReply(let error)? = $0 else { return false }
            return error.field == "reply.call_id" && error.problem.contains("someone-else")
        }
    }

    @Test func replyWithoutCallIDIsInvalid() async throws {
        try await expectReplacement(body: #"if [ "$id" = bad ]; then echo '{"actions":[]}'; continue; fi"#) {
            if case .invalidReply(let error)? = $0 { error.field == "reply.call_id" } else { false }
        }
    }

    @Test func hugeLineIsOutputTooLarge() async throws {
        try await expectReplacement(body: #"if [ "$id" = bad ]; then head -c 100000 /dev/zero | tr '\0' x; echo; continue; fi"#,
                                    limits: ScenarioLimits(deadline: .seconds(5), outputLimit: 64 * 1024)) {
            $0 == .outputTooLarge(stream: "stdout", limit: 64 * 1024)
        }
    }

    @Test func stderrFloodIsOutputTooLarge() async throws {
        try await expectReplacement(body: #"if [ "$id" = bad ]; then head -c 100000 /dev/zero | tr '\0' x >&2; sleep 600; fi"#,
                                    limits: ScenarioLimits(deadline: .seconds(5), outputLimit: 64 * 1024)) {
            $0 == .outputTooLarge(stream: "stderr", limit: 64 * 1024)
        }
    }

    @Test func secondLineForOneEventRetiresTheWorker() async throws {
        let fixture = try ScriptFixture()
        defer { fixture.remove() }
        // Answers twice: the first line answers the event, the second is out of step.
        let pool = PersistentScenarioPool(path: try fixture.worker(body: """
            printf '{"call_id":"%s","actions":[]}\\n' "$id"
            """), workers: 1)
        let first = await pool.run(ScriptFixture.event(id: "a"))
        #expect(first.failure == nil)
        let pids = fixture.workerPIDs
        #expect(await eventually { pids.allSatisfy { !isAlive($0) } }, "a worker that answers twice is out of step and killed")
        let second = await pool.run(ScriptFixture.event(id: "b"))
        #expect(second.failure == nil)
        #expect(fixture.workerPIDs.count == 2)
        await pool.shutdown()
    }

    @Test func shutdownLeavesNoProcessBehind() async throws {
        let fixture = try ScriptFixture()
        defer { fixture.remove() }
        // One worker exits when stdin closes; the other ignores it (and SIGTERM) and must be killed.
        let polite = try fixture.worker("polite.sh", body: "sleep 0.1")
        let stubborn = try fixture.script("stubborn.sh", #"""
            #!/bin/sh
            trap '' TERM HUP
            echo $$ >> pids
            sleep 600 &
            echo $! >> pids
            while IFS= read -r line; do
                id=${line#*\"id\":\"}; id=${id%%\"*}
                sleep 0.1
                printf '{"call_id":"%s","actions":[]}\n' "$id"
            done
            while :; do sleep 1; done
            """#)
        for path in [polite, stubborn] {
            let pool = PersistentScenarioPool(path: path, workers: 2)
            async let a = pool.run(ScriptFixture.event(id: "a"))
            async let b = pool.run(ScriptFixture.event(id: "b"))
            let outcomes = await [a, b]
            #expect(outcomes.allSatisfy { $0.failure == nil })
            let running = await pool.processIDs
            #expect(running.count == 2)
            #expect(running.allSatisfy(isAlive))
            let start = ContinuousClock.now
            await pool.shutdown(grace: .milliseconds(300))
            #expect(ContinuousClock.now - start < .seconds(3))
            #expect(await pool.processIDs.isEmpty)
            let everything = fixture.workerPIDs
            #expect(await eventually { everything.allSatisfy { !isAlive($0) } }, "left behind: \(everything.filter(isAlive))")
            // After shutdown, events fail at once instead of starting workers again.
            guard case .spawnFailed? = await pool.run(ScriptFixture.event(id: "late")).failure else {
                Issue.record("expected a failure after shutdown")
                continue
            }
            #expect(fixture.workerPIDs == everything)
        }
    }
}
