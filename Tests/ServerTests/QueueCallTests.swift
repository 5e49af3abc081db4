import Foundation
import Testing
import Storage

/// Queues with real peers: SIPp callers, baresip operators, the queue log in SQLite.
extension ServerSuite {
    @Suite(.serialized) struct QueueCallTests {
        static let agents = """
              - extension: "1001"
                name: Alice
                password_hash: "md5:9bf27cb60eaf5577521b9ee4a59bf9f2"
                queues: [support]
              - extension: "1002"
                name: Bob
                password_hash: "md5:6d6ac65532c98927852c4b39c465a18d"
                queues: [support]
            """

        func engine(queue: String) async throws -> EngineUnderTest {
            let engine = try EngineUnderTest(scenarios: ["q.sh": TestScenarios.queueWithRating], routes: "  - match: \"*\"\n    scenario: q.sh",
                                             rtpTimeout: 30, agents: Self.agents, extra: "queues:\n  - name: support\n\(queue)")
            try await engine.waitUntilReady()
            return engine
        }

        func lastCall(_ engine: EngineUnderTest) throws -> [String: Any] {
            let id = try #require(try engine.calls().first?["id"] as? String)
            return try engine.call(id)["call"] as? [String: Any] ?? [:]
        }

        /// The agents who answered a call, from `callgate report`.
        func connectedAgents(_ engine: EngineUnderTest) throws -> [String] {
            let out = try EngineUnderTest.runCallgate(["report", "--config", engine.configPath, "--from", "-1h", "--json"])
            let report = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any]
            return (report?["agents"] as? [[String: Any]] ?? []).filter { ($0["answered"] as? Int ?? 0) > 0 }.compactMap { $0["agent"] as? String }
        }

        @Test func callerReachesAnOperatorTalksAndRatesThem() async throws {
            let engine = try await engine(queue: "    strategy: longest-idle\n    record: true\n    wrap_up_seconds: 1\n    announce_position: false\n    announce_wait: false")
            let agent = try Baresip(engine: engine, user: "1001", password: "demo1001")
            defer { agent.stop() }
            try await agent.waitUntilRegistered(engine: engine)
            try await agent.waitUntilControllable()
            let caller = try RTPPeer()
            let call = try await SIPp.start("uac-ivr.xml", engine: engine, set: ["caller": "5551234", "rtp_port": "\(caller.port)"])
            // Music on hold first, then the operator's voice (baresip's 600 Hz tone) once bridged.
            #expect(await eventually(within: 15) { caller.knowsEngine }, "\(engine.log())")
            let heard = await Conversation.bothHear(caller: caller, agent: agent, within: 15)
            #expect(heard.callerHearsAgent, "the operator's voice reaches the caller\n\(agent.log())")
            #expect(heard.agentHearsCaller, "the caller's voice reaches the operator")
            // The operator hangs up: the caller is back with the scenario, which asks for a rating.
            let before = caller.received
            _ = try agent.hangup()
            #expect(await eventually(within: 15) { caller.received >= before + 25 }, "the rating prompt plays")
            caller.sendDigit("4")
            let run = try await call.value
            #expect(run.allCallsSucceeded, "\(run.output)\n\(engine.log())")
            let record = try lastCall(engine)
            #expect(record["hangup_reason"] as? String == "rated")
            #expect(record["rating"] as? Int == 4)
            // The queue recorded the conversation in stereo.
            let recording = try #require(record["recording_path"] as? String)
            let wav = try Data(contentsOf: engine.directory.appendingPathComponent("var").appendingPathComponent(recording))
            #expect(wav[22] == 2, "two channels")
            #expect(try connectedAgents(engine) == ["1001"])
            try await engine.expectNoCallObjectsLeft()
        }

        @Test func aQueueWithoutAnsweringAgentsTimesOut() async throws {
            let engine = try await engine(queue: "    max_wait_seconds: 2\n    join_empty: true\n    announce_position: false\n    announce_wait: false")
            let caller = try RTPPeer()
            let run = try await SIPp.run("uac-ivr.xml", engine: engine, set: ["caller": "5551234", "rtp_port": "\(caller.port)"])
            #expect(run.allCallsSucceeded, "\(run.output)")
            #expect(try lastCall(engine)["hangup_reason"] as? String == "queue-timeout")
            #expect(caller.received > 50, "music on hold played while waiting")
            try await engine.expectNoCallObjectsLeft()
        }

        @Test func callerWhoGivesUpWhileWaitingIsAnAbandon() async throws {
            let engine = try await engine(queue: "    join_empty: true\n    announce_position: false\n    announce_wait: false")
            let caller = try RTPPeer()
            let run = try await SIPp.run("uac-hangup.xml", engine: engine, set: ["caller": "5551234", "rtp_port": "\(caller.port)"])
            #expect(run.allCallsSucceeded, "\(run.output)")
            #expect(await eventually { (try? lastCall(engine)["disposition"] as? String) == "caller_hangup" })
            let out = try EngineUnderTest.runCallgate(["report", "--config", engine.configPath, "--from", "-1h", "--json"])
            let report = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any]
            let support = (report?["queues"] as? [[String: Any]])?.first { $0["queue"] as? String == "support" }
            #expect(support?["offered"] as? Int == 1)
            #expect(support?["abandoned"] as? Int == 1, "\(out)")
            try await engine.expectNoCallObjectsLeft()
        }
    }
}

/// Longest-idle with two real operators: the agent who has waited longest gets the next caller.
extension ServerSuite {
    @Suite(.serialized) struct LongestIdleTests {
        @Test func twoOperatorsTakeCallsInTurn() async throws {
            let engine = try EngineUnderTest(scenarios: ["q.sh": TestScenarios.queueWithRating], routes: "  - match: \"*\"\n    scenario: q.sh",
                                             rtpTimeout: 30, agents: QueueCallTests.agents,
                                             extra: "queues:\n  - name: support\n    strategy: longest-idle\n    wrap_up_seconds: 0\n    announce_position: false\n    announce_wait: false")
            try await engine.waitUntilReady()
            let alice = try Baresip(engine: engine, user: "1001", password: "demo1001")
            defer { alice.stop() }
            let bob = try Baresip(engine: engine, user: "1002", password: "demo1002")
            defer { bob.stop() }
            try await alice.waitUntilRegistered(engine: engine, count: 2)
            let store = try CallStore(path: engine.directory.appendingPathComponent("var/callgate.sqlite").path)
            var answered: [String] = []
            for call in 1...3 {
                let caller = try RTPPeer()
                // The caller hangs up 1.5 s after the answer, by then talking to an operator.
                let run = try await SIPp.run("uac-hangup.xml", engine: engine, set: ["caller": "555000\(call)", "rtp_port": "\(caller.port)"])
                #expect(run.allCallsSucceeded, "\(run.output)")
                #expect(await eventually(within: 10) {
                    let log = (try? await store.queueLog(from: 0, to: Date().timeIntervalSince1970 + 60)) ?? []
                    return log.filter { $0.event == .completeCaller }.count == call
                }, "call \(call) ends with the caller hanging up on an operator\n\(engine.log().suffix(2000))")
                let log = try await store.queueLog(from: 0, to: Date().timeIntervalSince1970 + 60)
                answered = log.filter { $0.event == .connect }.compactMap(\.agent)
            }
            #expect(answered.count == 3)
            #expect(answered.count == 3 && answered[0] != answered[1] && answered[2] == answered[0], "calls went to \(answered)")
        }
    }
}
