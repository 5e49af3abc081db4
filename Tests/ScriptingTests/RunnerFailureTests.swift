import CallgateCore
import Foundation
import Scripting
import Testing

/// Every way a scenario can fail becomes a typed failure, never a hang or a crash.
@Suite struct RunnerFailureTests {
    let runner = ScenarioRunner(limits: ScenarioLimits(deadline: .seconds(10), outputLimit: 64 * 1024), maxConcurrent: 8)

    @Test func missingScenarioIsNotFound() async throws {
        let outcome = await runner.run("/nonexistent/callgate/scenario.sh", event: ScriptFixture.event())
        #expect(outcome.failure == .notFound(path: "/nonexistent/callgate/scenario.sh"))
    }

    @Test func fileWithoutExecuteBitIsNotExecutable() async throws {
        let fixture = try ScriptFixture()
        defer { fixture.remove() }
        let path = try fixture.script("plain.sh", "#!/bin/sh\necho '{\"actions\":[]}'\n", executable: false)
        #expect(await runner.run(path, event: ScriptFixture.event()).failure == .notExecutable(path: path))
        #expect(await runner.run(fixture.directory.path, event: ScriptFixture.event()).failure == .notExecutable(path: fixture.directory.path))
    }

    @Test func scriptWithBadInterpreterFailsToSpawn() async throws {
        let fixture = try ScriptFixture()
        defer { fixture.remove() }
        let path = try fixture.script("bad.sh", "#!/no/such/interpreter\n")
        guard case .spawnFailed? = await runner.run(path, event: ScriptFixture.event()).failure else {
            Issue.record("expected spawn_failed")
            return
        }
    }

    @Test func nonZeroExitKeepsTheStatusAndStderr() async throws {
        let fixture = try ScriptFixture()
        defer { fixture.remove() }
        let path = try fixture.script("fail.sh", "#!/bin/sh\necho 'database is down' >&2\necho '{\"actions\":[]}'\nexit 3\n")
        let outcome = await runner.run(path, event: ScriptFixture.event())
        #expect(outcome.failure == .exitStatus(code: 3, stderrTail: "database is down"))
        #expect(outcome.stderr == ["database is down"])
    }

    @Test func crashIsKilledBySignal() async throws {
        let fixture = try ScriptFixture()
        defer { fixture.remove() }
        let path = try fixture.script("crash.sh", "#!/bin/sh\nkill -SEGV $$\n")
        #expect(await runner.run(path, event: ScriptFixture.event()).failure == .killedBySignal(signal: SIGSEGV))
    }

    @Test func garbageIsNotJSON() async throws {
        let fixture = try ScriptFixture()
        defer { fixture.remove() }
        let garbage = try fixture.script("garbage.sh", "#!/bin/sh\necho 'hello, caller'\n")
        let silent = try fixture.script("silent.sh", "#!/bin/sh\nexit 0\n")
        guard case .notJSON? = await runner.run(garbage, event: ScriptFixture.event()).failure,
              case .notJSON? = await runner.run(silent, event: ScriptFixture.event()).failure else {
            Issue.record("expected not_json for garbage and for empty output")
            return
        }
    }

    @Test func invalidReplyNamesTheField() async throws {
        let fixture = try ScriptFixture()
        defer { fixture.remove() }
        let path = try fixture.script("invalid.sh", "#!/bin/sh\necho '{\"actions\":[{\"action\":\"answer\"},{\"action\":\"play\"}]}'\n")
        #expect(await runner.run(path, event: ScriptFixture.event()).failure
            == .invalidReply(ReplyError(field: "actions[1].file", problem: "is required")))
    }

    @Test func stdoutFloodIsCutAndKilled() async throws {
        let fixture = try ScriptFixture()
        defer { fixture.remove() }
        let path = try fixture.script("flood.sh", "#!/bin/sh\nyes '{\"actions\":[]}'\n")
        #expect(await runner.run(path, event: ScriptFixture.event()).failure == .outputTooLarge(stream: "stdout", limit: 64 * 1024))
    }

    @Test func stderrFloodIsCutAndKilled() async throws {
        let fixture = try ScriptFixture()
        defer { fixture.remove() }
        let path = try fixture.script("noisy.sh", "#!/bin/sh\nyes 'debug: still thinking' >&2\n")
        #expect(await runner.run(path, event: ScriptFixture.event()).failure == .outputTooLarge(stream: "stderr", limit: 64 * 1024))
    }
}
