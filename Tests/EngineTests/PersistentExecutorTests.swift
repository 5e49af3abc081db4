import CallgateCore
import Engine
import Foundation
import Scripting
import Testing

/// A whole simulated call on a persistent worker: the call machine cannot tell it from a process
/// per event, and a worker that breaks hands the call to the fallback scenario as usual.
@Suite struct PersistentExecutorTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("callgate-persistent-\(UUID().uuidString)")

    func write(_ name: String, _ body: String) throws -> String {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try body.write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        return url.path
    }

    /// A worker: call.start gathers a key; gather.done 1 says hello, any other key makes it exit.
    static let worker = #"""
        #!/bin/sh
        while IFS= read -r line; do
            id=${line#*\"id\":\"}; id=${id%%\"*}
            case $line in
            *'"event":"call.start"'*) a='{"action":"gather","max_digits":1,"prompt":{"action":"say","text":"press"}}' ;;
            *'"digits":"1"'*) a='{"action":"say","text":"hello"},{"action":"hangup","reason":"done"}' ;;
            *'"event":"gather.done"'*) exit 4 ;;
            *) a='' ;;
            esac
            printf '{"call_id":"%s","actions":[%s]}\n' "$id" "$a"
        done
        """#

    @Test func wholeCallRunsOnOneWorker() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let pool = PersistentScenarioPool(path: try write("menu.sh", Self.worker), workers: 2)
        let call = SimulatedCall(call: CallInfo(id: "p-1", from: "+15550100", to: "100"),
                                 caller: SimulatedCaller(dtmf: ["1"]),
                                 executor: PersistentScenarioExecutor(pool: pool, runner: ScenarioRunner()))
        var persistentRuns = 0
        let result = await call.run { step in
            if case .scenarioRan(_, _, _, _, .none, true) = step { persistentRuns += 1 }
        }
        await pool.shutdown()
        #expect(result.failures.isEmpty)
        #expect(result.actionsRun.contains(.say(Say(text: "hello"))))
        #expect(result.eventsSent == [.callStart, .gatherDone, .callEnd])
        #expect(persistentRuns == 3)
        #expect(result.record.hangupReason == "done")
    }

    @Test func dyingWorkerHandsTheCallToTheFallbackScenario() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let pool = PersistentScenarioPool(path: try write("menu.sh", Self.worker), workers: 1)
        let fallback = try write("fallback.sh", """
            #!/bin/sh
            [ "$CALLGATE_EVENT" = call.end ] && echo '{"actions":[]}' && exit 0
            echo '{"actions":[{"action":"say","text":"sorry, '"$CALLGATE_ERROR"'"},{"action":"hangup","reason":"fallback"}]}'
            """)
        let call = SimulatedCall(call: CallInfo(id: "p-2", from: "+15550100", to: "100"),
                                 configuration: CallConfiguration(fallback: .scenario(fallback)),
                                 caller: SimulatedCaller(dtmf: ["7"]),
                                 executor: PersistentScenarioExecutor(pool: pool, fallback: fallback, runner: ScenarioRunner()))
        let result = await call.run()
        await pool.shutdown()
        #expect(result.failures == [.exitStatus(code: 4, stderrTail: "")])
        #expect(result.actionsRun.contains(.say(Say(text: "sorry, exit_status"))))
        #expect(result.record.hangupReason == "fallback")
    }
}
