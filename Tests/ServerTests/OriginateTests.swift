import Foundation
import Testing

/// `POST /api/calls` and `callgate call`: the engine places a call through a trunk to a SIPp
/// callee; the route's scenario gets `call.start` with `direction: outbound` once it answers, and
/// an attempt nobody answers ends with a record (and a `call.end`) saying why.
extension ServerSuite {
    @Suite(.serialized) struct OriginateTests {
        /// On call.start: note what the scenario saw, say goodbye, hang up.
        static let notify = """
            #!/bin/sh
            case "$CALLGATE_EVENT" in
            call.start) echo "{\\"actions\\":[{\\"action\\":\\"set\\",\\"vars\\":{\\"seen\\":\\"$CALLGATE_DIRECTION-$CALLGATE_STATE-$CALLGATE_VAR_DISTRICT\\"}},{\\"action\\":\\"play\\",\\"file\\":\\"goodbye.wav\\"},{\\"action\\":\\"hangup\\",\\"reason\\":\\"notified\\"}]}" ;;
            *) echo '{"actions":[]}' ;;
            esac
            """

        /// An engine with a route `notify` and one trunk per callee kind: 5551… answers, 5552… is
        /// busy, 5553… never answers, 5554… declines.
        static func engine() throws -> (EngineUnderTest, ports: [Int]) {
            let ports = try (0..<4).map { _ in try Ports.free() }
            let trunks = ports.enumerated().map { index, port in
                "  - {name: carrier\(index + 1), address: 127.0.0.1:\(port), allow: [\"555\(index + 1)*\"]}"
            }.joined(separator: "\n")
            // The peers here send no RTP: the RTP timeout must not end a call before its peer's BYE.
            let engine = try EngineUnderTest(scenarios: ["notify.sh": notify], routes: "  - match: \"notify\"\n    scenario: notify.sh",
                                             rtpTimeout: 60, extra: "trunks:\n\(trunks)")
            return (engine, ports)
        }

        /// Places a call; returns its id.
        static func originate(_ engine: EngineUnderTest, _ body: String) async throws -> String {
            let (status, json) = try await engine.api("POST", "/api/calls", body: body)
            #expect(status == 201, "\(String(describing: json))\n\(engine.log().suffix(2000))")
            return try #require((json as? [String: Any])?["id"] as? String)
        }

        /// The call's stored record once it has a disposition (bounded wait), and its trail.
        static func finished(_ engine: EngineUnderTest, _ id: String, within seconds: Double = 20) async throws -> (call: [String: Any], trail: [[String: Any]]) {
            var found: [String: Any] = [:]
            _ = await eventually(within: seconds) {
                found = (try? engine.call(id)) ?? [:]
                return (found["call"] as? [String: Any])?["disposition"] is String
            }
            let call = try #require(found["call"] as? [String: Any], "no record for \(id)\n\(engine.log().suffix(3000))")
            return (call, found["trail"] as? [[String: Any]] ?? [])
        }

        @Test func answeredCallRunsTheRouteAsOutboundAndUnansweredOnesSayWhy() async throws {
            let (engine, ports) = try Self.engine()
            defer { engine.stop() }
            try await engine.waitUntilReady()

            // Answered: the scenario runs on an answered outbound call, with the vars given.
            let callee = try await SIPp.start(scenarioAt: "uas-callee.xml", engine: engine, localPort: ports[0], timeout: 30)
            let id = try await Self.originate(engine, #"{"to": "5551000", "route": "notify", "caller_id": "8005550100", "vars": {"district": "North"}}"#)
            let calleeRun = try await callee.value
            #expect(calleeRun.allCallsSucceeded, "\(calleeRun.output)\n\(engine.log().suffix(3000))")
            let (call, trail) = try await Self.finished(engine, id)
            #expect(call["direction"] as? String == "outbound")
            #expect(call["from"] as? String == "8005550100")
            #expect(call["to"] as? String == "5551000")
            #expect(call["answered_at"] != nil)
            #expect(call["hangup_reason"] as? String == "notified")
            #expect((call["vars"] as? [String: Any])?["seen"] as? String == "outbound-answered-North")
            #expect(trail.contains { $0["kind"] as? String == "dialing" }, "\(trail)")

            // Busy, never answering, declined: no call.start, a record and a call.end naming why.
            let cases: [(number: String, port: Int, scenario: String, set: [String: String], disposition: String)] = [
                ("5552000", ports[1], "uas-busy.xml", [:], "busy"),
                ("5553000", ports[2], "uas-no-answer.xml", [:], "no_answer"),
                ("5554000", ports[3], "uas-decline.xml", [:], "rejected"),
            ]
            for attempt in cases {
                let sipp = try await SIPp.start(scenarioAt: attempt.scenario, engine: engine, localPort: attempt.port, set: attempt.set, timeout: 30)
                let id = try await Self.originate(engine, #"{"to": "\#(attempt.number)", "route": "notify", "ring_seconds": 2}"#)
                let run = try await sipp.value
                #expect(run.allCallsSucceeded, "\(attempt.disposition): \(run.output)")
                let (call, trail) = try await Self.finished(engine, id)
                #expect(call["disposition"] as? String == attempt.disposition, "\(call)\n\(engine.log().suffix(2000))")
                #expect(call["hangup_by"] as? String == "callee")
                #expect(call["answered_at"] == nil)
                let json = trail.map { String(describing: $0) }.joined(separator: "\n")
                #expect(!json.contains("call.start"), "the scenario never hears call.start: \(json)")
                #expect(json.contains("call.end") && json.contains(attempt.disposition), "\(json)")
            }
            try await engine.expectNoCallObjectsLeft()
        }

        /// Agent first (preview dialing, callbacks): the agent's phone rings, and once it answers
        /// the callee is dialed and the two are bridged; the agent's BYE ends both.
        @Test func agentFirstRingsTheAgentThenConnectsTheCallee() async throws {
            let (engine, ports) = try Self.engine()
            defer { engine.stop() }
            try await engine.waitUntilReady()
            let agentPort = try Ports.free()
            let registered = try await SIPp.run("register-agent.xml", engine: engine, set: ["user": "1001", "contact_port": "\(agentPort)"],
                                                extra: ["-au", "1001", "-ap", "demo1001"])
            #expect(registered.allCallsSucceeded, "\(registered.output)")
            let agentMedia = try RTPPeer()
            let agent = try await SIPp.start(scenarioAt: "uas-agent.xml", engine: engine, localPort: agentPort,
                                             set: ["agent_rtp": "\(agentMedia.port)"], timeout: 40)
            let callee = try await SIPp.start(scenarioAt: "uas-callee.xml", engine: engine, localPort: ports[0], timeout: 40)
            let id = try await Self.originate(engine, #"{"to": "5551000", "agent": "1001", "caller_id": "8005550100"}"#)
            let agentRun = try await agent.value
            #expect(agentRun.allCallsSucceeded, "\(agentRun.output)\n\(engine.log().suffix(3000))")
            let calleeRun = try await callee.value
            #expect(calleeRun.allCallsSucceeded, "the callee was rung, bridged, and got the engine's BYE: \(calleeRun.output)")
            let (call, trail) = try await Self.finished(engine, id)
            #expect(call["to"] as? String == "1001")
            #expect(call["hangup_by"] as? String == "callee", "the agent hung up: \(call)")
            let json = trail.map { String(describing: $0) }.joined(separator: "\n")
            #expect(json.contains("5551000"), "the callee was dialed: \(json)")
            try await engine.expectNoCallObjectsLeft()
        }

        /// `"amd": true`: the callee's audio is judged before `call.start`, whose result carries the
        /// verdict, as does the record. A person's "hello?" and a machine's greeting and beep
        /// (espeak-ng and sox, streamed by SIPp) through the same trunk.
        @Test(.enabled(if: ["/usr/bin/espeak-ng", "/usr/bin/sox"].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }))
        func machineDetectionRunsBeforeCallStart() async throws {
            let audio = try MachineDetectionCallTests.farEndAudio()
            defer { try? FileManager.default.removeItem(at: audio) }
            let (engine, ports) = try Self.engine()
            defer { engine.stop() }
            try await engine.waitUntilReady()
            for kind in ["human", "machine"] {
                let folder = audio.appendingPathComponent(kind)
                try FileManager.default.copyItem(at: folder.appendingPathComponent("far_end.ul"), to: folder.appendingPathComponent("amd_\(kind).ul"))
                let callee = try await SIPp.start(scenarioAt: "../../SIPTests/Scenarios/uas_\(kind).xml", engine: engine, localPort: ports[0],
                                                  timeout: 30, workingDirectory: folder)
                let id = try await Self.originate(engine, #"{"to": "5551000", "route": "notify", "amd": true}"#)
                let run = try await callee.value
                #expect(run.allCallsSucceeded, "\(kind): \(run.output)\n\(engine.log().suffix(2000))")
                let (call, trail) = try await Self.finished(engine, id)
                #expect(call["amd"] as? String == kind, "\(call)")
                let start = trail.compactMap { (($0["detail"] as? [String: Any])?["event"] as? [String: Any]) }.first { $0["event"] as? String == "call.start" }
                let verdict = (start?["result"] as? [String: Any])?["amd"] as? [String: Any]
                #expect(verdict?["result"] as? String == kind, "call.start carries the verdict: \(String(describing: start))")
                let shown = try EngineUnderTest.runCallgate(["calls", id, "--config", engine.configPath])
                #expect(shown.contains("answering-machine detection: \(kind)"), "\(shown)")
            }
        }

        @Test func refusalsAndTheCommandLine() async throws {
            let (engine, ports) = try Self.engine()
            defer { engine.stop() }
            try await engine.waitUntilReady()
            for (body, status) in [(#"{"to": "999", "route": "notify"}"#, 403),           // no trunk allows it
                                   (#"{"to": "5551000", "route": "nowhere"}"#, 404),      // no such route
                                   (#"{"to": "1001", "route": "notify"}"#, 404),          // an agent not registered
                                   (#"{"to": "5551000"}"#, 400),                          // neither route nor agent
                                   (#"{"to": "5551000", "route": "notify", "agent": "1001"}"#, 400),
                                   (#"{"to": "sip:x@evil", "route": "notify"}"#, 400),
                                   (#"{"to": "5551000", "route": "notify", "ring_seconds": 0}"#, 400),
                                   (#"{"to": "5551000", "route": "notify", "amd": {"greting": 2}}"#, 400)] {
                let (got, json) = try await engine.api("POST", "/api/calls", body: body)
                #expect(got == status, "\(body) → \(got) \(String(describing: json))")
            }
            // The command line places the call through the API and, with --wait, prints how it ended.
            let callee = try await SIPp.start(scenarioAt: "uas-callee.xml", engine: engine, localPort: ports[0], timeout: 30)
            let output = try await Task.detached {
                try EngineUnderTest.runCallgate(["call", "5551000", "--route", "notify", "--var", "district=South", "--wait",
                                                 "--config", engine.configPath])
            }.value
            let lines = output.split(separator: "\n").map(String.init)
            #expect(lines.count == 2 && lines.last == "completed (notified)", "\(output)\n\(engine.log().suffix(2000))")
            #expect((try await callee.value).allCallsSucceeded)
            let call = try #require(try engine.call(lines.first ?? "")["call"] as? [String: Any])
            #expect((call["vars"] as? [String: Any])?["seen"] as? String == "outbound-answered-South")
        }
    }
}

extension SIPp {
    /// Starts a SIPp callee on `localPort` (where a trunk sends the engine's INVITE) without waiting.
    static func start(scenarioAt scenario: String, engine: EngineUnderTest, localPort: Int, set variables: [String: String] = [:],
                      timeout: Double, workingDirectory: URL? = nil) async throws -> Task<Run, any Error> {
        let sipp = Task { try await run(scenario, engine: engine, localPort: localPort, set: variables, timeout: timeout, workingDirectory: workingDirectory) }
        // Until SIPp listens, an INVITE to its port meets an ICMP unreachable (Sofia's 503).
        #expect(await eventually(within: 10) { !Ports.canBind(localPort, udp: true) }, "SIPp listens on \(localPort)")
        return sipp
    }
}
