import Foundation
import Storage
import Testing

/// Listen, whisper and barge with real phones: a SIPp caller (440 Hz), a baresip operator (600 Hz)
/// and a baresip supervisor (1000 Hz); each side's audio is checked for whose tones it carries.
extension ServerSuite {
    @Suite(.serialized) struct SupervisionTests {
        static let agents = DemoAgents.alice + "\n" + DemoAgents.bob(supervises: "[\"*\"]") + "\n" + DemoAgents.carol(supervises: "[support]")

        /// A caller talking to operator 1001; supervisor 1003's phone (1000 Hz) registered.
        func connectedCall() async throws -> QueueConversation {
            try await QueueConversation.start(agents: Self.agents, other: ("1003", "demo1003", 1000), queue: "    record: true")
        }

        /// The supervision lines of the queue log, as `event reason`.
        func supervisionLog(_ engine: EngineUnderTest) async throws -> [String] {
            let store = try CallStore(path: engine.directory.appendingPathComponent("var/callgate.sqlite").path)
            return try await store.queueLog(from: 0, to: Date().timeIntervalSince1970 + 60)
                .filter { $0.event == .supervise || $0.event == .superviseEnd }
                .map { "\($0.event.rawValue) \($0.agent ?? "?") \($0.reason ?? "")" }
        }

        @Test func listenWhisperBargeFromTheSupervisorsPhone() async throws {
            let call = try await connectedCall()
            defer { call.stop() }
            let (engine, agent, supervisor) = (call.engine, call.agent, call.other)

            let supervisedFrom = ContinuousClock.now
            _ = try supervisor.command("dial", params: "sip:*951001@\(engine.host):\(engine.sipPort)")
            #expect(await eventually(within: 15) { supervisor.heardToneShare(440) > 0.1 && supervisor.heardToneShare(600) > 0.1 },
                    "listen: the supervisor hears caller and operator\n\(engine.log())")
            #expect(call.callerHears(1000) < 0.05 && agent.heardToneShare(1000) < 0.05, "listen: nobody hears the supervisor")
            #expect(call.callerHears(600) > 0.5, "the caller still hears the operator")

            _ = try supervisor.command("sndcode", params: "5")
            #expect(await eventually(within: 10) { agent.heardToneShare(1000) > 0.1 }, "whisper: the operator hears the supervisor\n\(engine.log())")
            #expect(call.callerHears(1000) < 0.05, "whisper: the caller does not")
            #expect(await eventually(within: 5) { agent.heardToneShare(440) > 0.1 }, "and the operator still hears the caller")

            _ = try supervisor.command("sndcode", params: "6")
            #expect(await eventually(within: 10) { call.callerHears(1000) > 0.1 }, "barge: the caller hears the supervisor too")
            #expect(await eventually(within: 5) { agent.heardToneShare(1000) > 0.1 && supervisor.heardToneShare(440) > 0.1 })

            _ = try supervisor.hangup()
            #expect(await eventually(within: 10) { call.callerHears(600) > 0.8 && agent.heardToneShare(440) > 0.8 },
                    "after the supervisor leaves, caller and operator talk as before")
            let supervised = supervisedFrom.duration(to: .now)
            let expected = ["supervise 1001 listen by 1003", "supervise 1001 whisper by 1003", "supervise 1001 barge by 1003",
                            "supervise_end 1001 barge by 1003"]
            var log: [String] = []
            #expect(await eventually(within: 10) {
                log = (try? await supervisionLog(engine)) ?? []
                return log == expected
            }, "\(log)")

            try await call.finish(hangingUp: call.agent)
            // The queue's recording ran on through the supervision: one file, longer than it.
            let id = try #require(try engine.calls().first?["id"] as? String)
            let record = try engine.call(id)["call"] as? [String: Any] ?? [:]
            let recording = try #require(record["recording_path"] as? String)
            let wav = try Data(contentsOf: engine.directory.appendingPathComponent("var").appendingPathComponent(recording))
            let seconds = Double(wav.count - 44) / (8000 * 2 * 2)
            #expect(Duration.seconds(seconds) > supervised, "the recording (\(seconds) s) covers the supervised \(supervised)")
            try await engine.expectNoCallObjectsLeft()
        }

        @Test func refusedSupervisionIsSpokenAndChangesNothing() async throws {
            let call = try await connectedCall()
            defer { call.stop() }
            let engine = call.engine
            // 1003 may supervise support; 1002 is no agent of it, and is not on a call.
            _ = try call.other.command("dial", params: "sip:*951002@\(engine.host):\(engine.sipPort)")
            #expect(await eventually(within: 15) { engine.log().contains("supervision of 1002 by 1003 refused: agent 1002 is not talking to a caller") })
            #expect(await eventually(within: 15) { call.callerHears(600) > 0.8 && call.agent.heardToneShare(1000) < 0.05 })
            #expect(try await supervisionLog(engine).isEmpty)
            try await call.finish(hangingUp: call.agent)
        }

        @Test func theAPISupervisesACallWithClearErrors() async throws {
            let call = try await connectedCall()
            defer { call.stop() }
            let (engine, agent, supervisor) = (call.engine, call.agent, call.other)
            let agentView = try await engine.api("GET", "/api/agents/1001")
            let callID = try #require((agentView.json as? [String: Any])?["current_call_id"] as? String)

            let unknown = try await engine.api("POST", "/api/calls/nope/supervise", body: #"{"supervisor":"1003"}"#)
            #expect(unknown.status == 404)
            #expect((unknown.json as? [String: Any])?["message"] as? String == "call nope is not talking to an agent")
            let notSupervisor = try await engine.api("POST", "/api/calls/\(callID)/supervise", body: #"{"supervisor":"1001"}"#)
            #expect(notSupervisor.status == 403)
            let badMode = try await engine.api("POST", "/api/calls/\(callID)/supervise", body: #"{"supervisor":"1003","mode":"shout"}"#)
            #expect(badMode.status == 400)
            #expect((badMode.json as? [String: Any])?["field"] as? String == "mode")

            let started = try await engine.api("POST", "/api/calls/\(callID)/supervise", body: #"{"supervisor":"1003","mode":"whisper"}"#)
            #expect(started.status == 202, "\(String(describing: started.json))")
            #expect(await eventually(within: 15) { agent.heardToneShare(1000) > 0.1 && supervisor.heardToneShare(440) > 0.1 },
                    "whisper over the API: the supervisor's phone rings, answers, and the operator hears it\n\(engine.log())")
            #expect(call.callerHears(1000) < 0.05)

            let other = try await engine.api("POST", "/api/calls/\(callID)/supervise", body: #"{"supervisor":"1002"}"#)
            #expect(other.status == 409, "one supervisor per call")
            let list = try await engine.api("GET", "/api/supervisions")
            let rows = (list.json as? [String: Any])?["supervisions"] as? [[String: Any]] ?? []
            #expect(rows.map { "\($0["supervisor"] ?? "") \($0["agent"] ?? "") \($0["mode"] ?? "") \($0["state"] ?? "")" } == ["1003 1001 whisper active"])

            let barge = try await engine.api("POST", "/api/calls/\(callID)/supervise", body: #"{"supervisor":"1003","mode":"barge"}"#)
            #expect(barge.status == 200)
            #expect(await eventually(within: 10) { call.callerHears(1000) > 0.1 })

            #expect(try await engine.api("DELETE", "/api/calls/\(callID)/supervise").status == 204)
            #expect(await eventually(within: 10) { call.callerHears(600) > 0.8 && call.callerHears(1000) < 0.05 })
            #expect(try await engine.api("DELETE", "/api/calls/\(callID)/supervise").status == 404)
            try await call.finish(hangingUp: call.agent)
            try await engine.expectNoCallObjectsLeft()
        }
    }
}
