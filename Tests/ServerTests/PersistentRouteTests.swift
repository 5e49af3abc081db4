import Foundation
import Testing

/// A route with `persistent: true` in `callgate serve`: one long-lived worker takes the events of
/// several calls, and SIGTERM stops it with the engine.
extension ServerSuite {
    @Suite(.serialized) struct PersistentRouteTests {
        /// The short call (answer, welcome, hang up) as a persistent worker that records its pid.
        static let worker = #"""
            #!/bin/sh
            echo $$ >> worker.pids
            while IFS= read -r line; do
                id=${line#*\"id\":\"}; id=${id%%\"*}
                case $line in
                *'"event":"call.start"'*) a='{"action":"answer"},{"action":"play","file":"welcome.wav"},{"action":"hangup","reason":"done"}' ;;
                *) a='' ;;
                esac
                printf '{"call_id":"%s","actions":[%s]}\n' "$id" "$a"
            done
            """#

        @Test func oneWorkerServesSeveralCallsAndStopsWithTheEngine() async throws {
            let engine = try EngineUnderTest(scenarios: ["worker.sh": Self.worker],
                                             routes: "  - match: \"*\"\n    scenario: worker.sh\n    persistent: true\n    workers: 1")
            try await engine.waitUntilReady()
            let pidFile = engine.directory.appendingPathComponent("scenarios/worker.pids")
            let pids = { ((try? String(contentsOf: pidFile, encoding: .utf8)) ?? "").split(separator: "\n").compactMap { Int32($0) } }
            for _ in 0..<2 {
                let peer = try RTPPeer()
                let run = try await SIPp.run("uac-ivr.xml", engine: engine, set: ["caller": "5551234", "rtp_port": "\(peer.port)"])
                #expect(run.allCallsSucceeded, "\(run.output)\n\(engine.log())")
            }
            #expect(await eventually { (try? engine.calls().count) == 2 })
            let calls = try engine.calls()
            #expect(calls.allSatisfy { $0["hangup_reason"] as? String == "done" }, "\(calls)\n\(engine.log())")
            #expect(pids().count == 1, "one worker for both calls: \(pids())")
            let worker = try #require(pids().first)
            #expect(kill(worker, 0) == 0, "the worker keeps running between calls")
            #expect(engine.stop() == 0, "a clean exit\n\(engine.log())")
            #expect(await eventually { kill(worker, 0) != 0 }, "SIGTERM stops the worker too")
        }
    }
}
