import Foundation
import Storage
import Testing

/// Listen, whisper and barge with real phones: a SIPp caller (440 Hz), a baresip operator (600 Hz)
/// and a baresip supervisor (1000 Hz); each side's audio is checked for whose tones it carries.
extension ServerSuite {
    @Suite(.serialized) struct SupervisionTests {
        static let agents = """
              - extension: "1001"
                name: Alice
                password_hash: "md5:9bf27cb60eaf5577521b9ee4a59bf9f2"
                queues: [support]
              - extension: "1002"
                name: Bob
                password_hash: "md5:6d6ac65532c98927852c4b39c465a18d"
                supervises: ["*"]
              - extension: "1003"
                name: Carol
                password_hash: "md5:f487cfbf2bdf32116d5397e14a8ee527"
                supervises: [support]
            """

        /// A caller talking to operator 1001 through the queue, and supervisor 1003's phone registered.
        struct Call {
            let engine: EngineUnderTest
            let caller: RTPPeer
            let agent: Baresip
            let supervisor: Baresip
            let sipp: Task<SIPp.Run, any Error>
            let talking: Task<Void, Never>

            /// Share of `frequency` in the last second the caller heard.
            func callerHears(_ frequency: Double) -> Double {
                Baresip.toneShare(RTPPeer.decode(caller.audio.suffix(8000)), frequency: frequency)
            }

            /// The operator hangs up, the caller rates them: SIPp's call ends as it should.
            func finish() async throws {
                talking.cancel()
                let before = caller.received
                _ = try agent.hangup()
                _ = await eventually(within: 15) { caller.received >= before + 25 }
                caller.sendDigit("5")
                let run = try await sipp.value
                #expect(run.allCallsSucceeded, "\(run.output)")
            }

            func stop() {
                talking.cancel()
                agent.stop()
                supervisor.stop()
            }
        }

        func connectedCall() async throws -> Call {
            let engine = try EngineUnderTest(scenarios: ["q.sh": TestScenarios.queueWithRating], routes: "  - match: \"*\"\n    scenario: q.sh",
                                             rtpTimeout: 60, agents: Self.agents,
                                             extra: "queues:\n  - name: support\n    announce_position: false\n    announce_wait: false")
            try await engine.waitUntilReady()
            let agent = try Baresip(engine: engine, user: "1001", password: "demo1001", toneFrequency: 600)
            let supervisor = try Baresip(engine: engine, user: "1003", password: "demo1003", toneFrequency: 1000)
            try await agent.waitUntilRegistered(engine: engine)
            try await supervisor.waitUntilRegistered(engine: engine, count: 2)
            try await agent.waitUntilControllable()
            try await supervisor.waitUntilControllable()
            let caller = try RTPPeer()
            let sipp = try await SIPp.start("uac-ivr.xml", engine: engine, set: ["caller": "5551234", "rtp_port": "\(caller.port)"], timeout: 120)
            #expect(await eventually(within: 15) { caller.knowsEngine }, "\(engine.log())")
            let heard = await Conversation.bothHear(caller: caller, agent: agent, within: 15)
            #expect(heard.callerHearsAgent && heard.agentHearsCaller, "\(engine.log())")
            // The caller talks on without a pause from now on: every check below hears its 440 Hz.
            let talking = Task { while !Task.isCancelled { await caller.sendTone(seconds: 0.5) } }
            return Call(engine: engine, caller: caller, agent: agent, supervisor: supervisor, sipp: sipp, talking: talking)
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
            let (engine, agent, supervisor) = (call.engine, call.agent, call.supervisor)

            _ = try supervisor.command("dial", params: "sip:*951001@\(engine.host):\(engine.sipPort)")
            #expect(await eventually(within: 15) { supervisor.heardToneShare(440) > 0.2 && supervisor.heardToneShare(600) > 0.2 },
                    "listen: the supervisor hears caller and operator\n\(engine.log())")
            #expect(call.callerHears(1000) < 0.05 && agent.heardToneShare(1000) < 0.05, "listen: nobody hears the supervisor")
            #expect(call.callerHears(600) > 0.5, "the caller still hears the operator")

            _ = try supervisor.command("sndcode", params: "5")
            #expect(await eventually(within: 10) { agent.heardToneShare(1000) > 0.2 }, "whisper: the operator hears the supervisor\n\(engine.log())")
            #expect(call.callerHears(1000) < 0.05, "whisper: the caller does not")
            #expect(agent.heardToneShare(440) > 0.2, "and the operator still hears the caller")

            _ = try supervisor.command("sndcode", params: "6")
            #expect(await eventually(within: 10) { call.callerHears(1000) > 0.2 }, "barge: the caller hears the supervisor too")
            #expect(agent.heardToneShare(1000) > 0.2 && supervisor.heardToneShare(440) > 0.2)

            _ = try supervisor.hangup()
            #expect(await eventually(within: 10) { call.callerHears(600) > 0.8 && agent.heardToneShare(440) > 0.8 },
                    "after the supervisor leaves, caller and operator talk as before")
            let expected = ["supervise 1001 listen by 1003", "supervise 1001 whisper by 1003", "supervise 1001 barge by 1003",
                            "supervise_end 1001 barge by 1003"]
            var log: [String] = []
            #expect(await eventually(within: 10) {
                log = (try? await supervisionLog(engine)) ?? []
                return log == expected
            }, "\(log)")

            try await call.finish()
            try await engine.expectNoCallObjectsLeft()
        }

        @Test func refusedSupervisionIsSpokenAndChangesNothing() async throws {
            let call = try await connectedCall()
            defer { call.stop() }
            let engine = call.engine
            // 1003 may supervise support; 1002 is no agent of it, and is not on a call.
            _ = try call.supervisor.command("dial", params: "sip:*951002@\(engine.host):\(engine.sipPort)")
            #expect(await eventually(within: 15) { engine.log().contains("supervision of 1002 by 1003 refused: agent 1002 is not talking to a caller") })
            #expect(await eventually(within: 15) { call.callerHears(600) > 0.8 && call.agent.heardToneShare(1000) < 0.05 })
            #expect(try await supervisionLog(engine).isEmpty)
            try await call.finish()
        }

        @Test func theAPISupervisesACallWithClearErrors() async throws {
            let call = try await connectedCall()
            defer { call.stop() }
            let (engine, agent, supervisor) = (call.engine, call.agent, call.supervisor)
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
            #expect(await eventually(within: 15) { agent.heardToneShare(1000) > 0.2 && supervisor.heardToneShare(440) > 0.2 },
                    "whisper over the API: the supervisor's phone rings, answers, and the operator hears it\n\(engine.log())")
            #expect(call.callerHears(1000) < 0.05)

            let other = try await engine.api("POST", "/api/calls/\(callID)/supervise", body: #"{"supervisor":"1002"}"#)
            #expect(other.status == 409, "one supervisor per call")
            let list = try await engine.api("GET", "/api/supervisions")
            let rows = (list.json as? [String: Any])?["supervisions"] as? [[String: Any]] ?? []
            #expect(rows.map { "\($0["supervisor"] ?? "") \($0["agent"] ?? "") \($0["mode"] ?? "") \($0["state"] ?? "")" } == ["1003 1001 whisper active"])

            let barge = try await engine.api("POST", "/api/calls/\(callID)/supervise", body: #"{"supervisor":"1003","mode":"barge"}"#)
            #expect(barge.status == 200)
            #expect(await eventually(within: 10) { call.callerHears(1000) > 0.2 })

            #expect(try await engine.api("DELETE", "/api/calls/\(callID)/supervise").status == 204)
            #expect(await eventually(within: 10) { call.callerHears(600) > 0.8 && call.callerHears(1000) < 0.05 })
            #expect(try await engine.api("DELETE", "/api/calls/\(callID)/supervise").status == 404)
            try await call.finish()
            try await engine.expectNoCallObjectsLeft()
        }
    }
}
