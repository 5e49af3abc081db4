import CallgateCore
import Foundation
import Scripting
import Testing

/// The deadline kills the whole process group, and nothing a scenario leaves behind holds the call.
@Suite struct RunnerDeadlineTests {
    @Test func scriptThatSleepsForeverTimesOutAndDies() async throws {
        let fixture = try ScriptFixture()
        defer { fixture.remove() }
        let runner = ScenarioRunner(limits: ScenarioLimits(deadline: .milliseconds(300)))
        let path = try fixture.script("forever.sh", "#!/bin/sh\necho $$ > \(fixture.path("pid"))\nwhile :; do sleep 1; done\n")
        let outcome = await runner.run(path, event: ScriptFixture.event())
        #expect(outcome.failure == .timeout(seconds: 0.3))
        let pid = try #require(fixture.read("pid").flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
        #expect(await eventually { !isAlive(pid) }, "the timed-out scenario must be killed")
    }

    @Test func deadlineKillsChildrenTooNotOnlyTheScript() async throws {
        let fixture = try ScriptFixture()
        defer { fixture.remove() }
        let runner = ScenarioRunner(limits: ScenarioLimits(deadline: .milliseconds(300)))
        // The child inherits stdout; the script then waits for it.
        let path = try fixture.script("parent.sh", "#!/bin/sh\nsleep 600 &\necho $! > \(fixture.path("child"))\nwait\n")
        let outcome = await runner.run(path, event: ScriptFixture.event())
        #expect(outcome.failure == .timeout(seconds: 0.3))
        let child = try #require(fixture.read("child").flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
        #expect(await eventually { !isAlive(child) }, "the scenario's child must die with it")
    }

    @Test func backgroundChildHoldingStdoutDoesNotHoldTheCall() async throws {
        let fixture = try ScriptFixture()
        defer { fixture.remove() }
        // A deadline far away: the reply must come when the script exits, not when the deadline strikes.
        let runner = ScenarioRunner(limits: ScenarioLimits(deadline: .seconds(60)))
        let path = try fixture.script("leaver.sh", """
            #!/bin/sh
            sleep 600 &
            echo $! > \(fixture.path("child"))
            echo '{"actions":[{"action":"say","text":"hi"}]}'
            exit 0
            """)
        let outcome = await runner.run(path, event: ScriptFixture.event())
        #expect(outcome.reply?.actions == [.say(Say(text: "hi"))])
        #expect(outcome.elapsed < .seconds(60))
        let child = try #require(fixture.read("child").flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
        #expect(await eventually { !isAlive(child) }, "a process left behind is killed when the scenario exits")
    }
}
