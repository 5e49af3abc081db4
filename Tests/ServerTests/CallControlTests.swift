import Foundation
import Testing

/// `/api/calls` on a real call: SIPp dials, the test is the caller's RTP, the scenario records. The
/// API lists the call, pauses and resumes its recording (a silent span in the WAV file, tone around
/// it) and hangs it up (SIPp gets the BYE; the record says it was the API).
extension ServerSuite {
    @Suite(.serialized) struct CallControlTests {
        /// A menu first (nothing recorded), then key 1 starts a recording with no terminator;
        /// `call.end` leaves the disposition in a file, to show it ran for a call the API ended.
        static func scenario(endMarker: String) -> String {
            """
            #!/bin/sh
            case "$CALLGATE_EVENT" in
            call.start) echo '{"actions":[{"action":"answer"},{"action":"gather","max_digits":1,"timeout":30,"prompt":{"action":"play","file":"hold.wav"}}]}' ;;
            gather.done) echo '{"actions":[{"action":"record","max_seconds":60,"beep":true,"terminator":""}]}' ;;
            call.end) echo "$CALLGATE_RESULT_DISPOSITION $CALLGATE_RESULT_HANGUP_BY" > '\(endMarker)'; echo '{"actions":[]}' ;;
            *) echo '{"actions":[]}' ;;
            esac
            """
        }

        @Test func listPauseResumeAndHangUpARecordedCall() async throws {
            let marker = FileManager.default.temporaryDirectory.appendingPathComponent("callgate-end-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: marker) }
            let engine = try EngineUnderTest(scenarios: ["rec.sh": Self.scenario(endMarker: marker)],
                                             routes: "  - match: \"*\"\n    scenario: rec.sh", rtpTimeout: 30)
            try await engine.waitUntilReady()
            let peer = try RTPPeer()
            defer { peer.stop() }
            let caller = try await SIPp.start("uac-ivr.xml", engine: engine, set: ["caller": "5551234", "rtp_port": "\(peer.port)"])
            #expect(await eventually(within: 15) { peer.knowsEngine }, "the menu prompt reaches the caller\n\(engine.log())")

            func calls() async throws -> [[String: Any]] {
                let (status, json) = try await engine.api("GET", "/api/calls")
                #expect(status == 200)
                return (json as? [String: Any])?["calls"] as? [[String: Any]] ?? []
            }
            func error(_ reply: (status: Int, json: Any?)) -> String? { (reply.json as? [String: Any])?["error"] as? String }

            // Listed with its fields, nothing recorded yet.
            let listed = try await calls()
            #expect(listed.count == 1)
            let call = try #require(listed.first)
            let id = try #require(call["id"] as? String)
            #expect(call["from"] as? String == "5551234")
            #expect(call["direction"] as? String == "inbound")
            #expect(call["state"] as? String == "answered")
            #expect(call["route"] as? String == "*")
            #expect(call["queue"] is NSNull && call["agent"] is NSNull)
            #expect(abs((call["started_at"] as? Double ?? 0) - Date().timeIntervalSince1970) < 60)
            #expect((call["seconds"] as? Double ?? -1) >= 0)
            #expect(call["recording"] as? Bool == false && call["recording_paused"] as? Bool == false)
            let one = try await engine.api("GET", "/api/calls/\(id)")
            #expect(one.status == 200 && (one.json as? [String: Any])?["id"] as? String == id)

            // Errors, each with a JSON body naming the problem.
            let unknown = try await engine.api("GET", "/api/calls/no-such-call")
            #expect(unknown.status == 404 && error(unknown) == "not_found")
            let notRecording = try await engine.api("POST", "/api/calls/\(id)/recording/pause")
            #expect(notRecording.status == 409 && error(notRecording) == "not_recording", "\(notRecording)")

            // Key 1: the recording starts after its beep.
            peer.sendDigit("1")
            #expect(await eventually(within: 10) {
                (try? await engine.api("GET", "/api/calls/\(id)").json as? [String: Any])?["recording"] as? Bool == true
            }, "\(engine.log().suffix(3000))")
            await peer.sendTone(seconds: 2)
            #expect(try await engine.api("POST", "/api/calls/\(id)/recording/pause").status == 204)
            let paused = try await engine.api("GET", "/api/calls/\(id)")
            #expect((paused.json as? [String: Any])?["recording_paused"] as? Bool == true)
            let twice = try await engine.api("POST", "/api/calls/\(id)/recording/pause")
            #expect(twice.status == 409 && error(twice) == "already_paused")
            await peer.sendTone(seconds: 2)
            #expect(try await engine.api("POST", "/api/calls/\(id)/recording/resume").status == 204)
            let notPaused = try await engine.api("POST", "/api/calls/\(id)/recording/resume")
            #expect(notPaused.status == 409 && error(notPaused) == "not_paused")
            await peer.sendTone(seconds: 2)

            // Hang up over the API: SIPp gets the BYE; a second DELETE finds it ending or gone.
            #expect(try await engine.api("DELETE", "/api/calls/\(id)").status == 204)
            let again = try await engine.api("DELETE", "/api/calls/\(id)")
            #expect((again.status == 409 && error(again) == "call_ending") || (again.status == 404 && error(again) == "not_found"), "\(again)")
            let run = try await caller.value
            #expect(run.allCallsSucceeded, "SIPp got the engine's BYE\n\(run.output)\n\(engine.log().suffix(3000))")
            #expect(await eventually { (try? await calls().isEmpty) == true })
            #expect(await eventually { (try? String(contentsOfFile: marker, encoding: .utf8)) == "api_hangup api\n" }, "call.end ran")
            let gone = try await engine.api("DELETE", "/api/calls/\(id)")
            #expect(gone.status == 404 && error(gone) == "not_found")

            // The record says how it ended; the trail says who paused and when.
            let detail = try engine.call(id)
            let record = detail["call"] as? [String: Any] ?? [:]
            #expect(record["disposition"] as? String == "api_hangup")
            #expect(record["hangup_by"] as? String == "api")
            let trail = (detail["trail"] as? [[String: Any]] ?? []).compactMap { $0["detail"] as? [String: Any] }
            let controls = trail.filter { ["record_pause", "record_resume"].contains($0["kind"] as? String) }
            #expect(controls.map { $0["kind"] as? String } == ["record_pause", "record_resume"], "\(trail)")
            #expect(controls.allSatisfy { $0["by"] as? String == "api" && ($0["at"] as? Double) != nil })

            // The file: tone, then a silent span where the pause was (about 2 s), then tone again.
            let file = try #require(record["recording_path"] as? String)
            let wav = try Data(contentsOf: engine.directory.appendingPathComponent("var").appendingPathComponent(file))
            let samples = stride(from: 44, to: wav.count - 1, by: 2).map { Int16(bitPattern: UInt16(wav[$0]) | UInt16(wav[$0 + 1]) << 8) }
            let longest = Self.longestSilence(samples)
            #expect(longest.count >= 12_000 && longest.count <= 28_000, "a pause of about 2 s: \(longest.count) zeros in \(samples.count)")
            let loud = { (range: Range<Int>) in samples[range].filter { abs(Int($0)) > 2000 }.count }
            #expect(loud(0..<longest.lowerBound) > 4000, "tone before the pause")
            #expect(loud(longest.upperBound..<samples.count) > 4000, "tone after the pause")
            try await engine.expectNoCallObjectsLeft()
        }

        /// A queue that records in stereo: the caller talks to an operator (baresip, 600 Hz), the API
        /// pauses the recording for about 2 s (both channels silent), then hangs the caller up.
        @Test func pauseTheQueueRecordingOfATalkingCallerThenHangUp() async throws {
            let engine = try EngineUnderTest(scenarios: ["q.sh": TestScenarios.queueWithRating], routes: "  - match: \"*\"\n    scenario: q.sh",
                                             rtpTimeout: 30, agents: QueueCallTests.agents,
                                             extra: "queues:\n  - name: support\n    record: true\n    announce_position: false\n    announce_wait: false")
            try await engine.waitUntilReady()
            let agent = try Baresip(engine: engine, user: "1001", password: "demo1001")
            defer { agent.stop() }
            try await agent.waitUntilRegistered(engine: engine)
            try await agent.waitUntilControllable()
            let caller = try RTPPeer()
            defer { caller.stop() }
            let call = try await SIPp.start("uac-ivr.xml", engine: engine, set: ["caller": "5551234", "rtp_port": "\(caller.port)"])
            #expect(await eventually(within: 15) { caller.knowsEngine }, "\(engine.log())")
            let heard = await Conversation.bothHear(caller: caller, agent: agent, within: 15)
            #expect(heard.callerHearsAgent && heard.agentHearsCaller, "\(engine.log().suffix(3000))")

            let (_, json) = try await engine.api("GET", "/api/calls")
            let listed = try #require(((json as? [String: Any])?["calls"] as? [[String: Any]])?.first)
            let id = try #require(listed["id"] as? String)
            #expect(listed["state"] as? String == "talking_to_agent")
            #expect(listed["queue"] as? String == "support")
            #expect(listed["agent"] as? String == "1001")
            #expect(listed["recording"] as? Bool == true)

            #expect(try await engine.api("POST", "/api/calls/\(id)/recording/pause").status == 204)
            await caller.sendTone(seconds: 2)
            #expect(try await engine.api("POST", "/api/calls/\(id)/recording/resume").status == 204)
            await caller.sendTone(seconds: 1)
            #expect(try await engine.api("DELETE", "/api/calls/\(id)").status == 204)
            let run = try await call.value
            #expect(run.allCallsSucceeded, "SIPp got the engine's BYE\n\(run.output)\n\(engine.log().suffix(3000))")

            #expect(await eventually { (try? engine.call(id)["call"] as? [String: Any])?["recording_path"] is String })
            let record = try engine.call(id)["call"] as? [String: Any] ?? [:]
            #expect(record["disposition"] as? String == "api_hangup")
            let file = try #require(record["recording_path"] as? String)
            let url = engine.directory.appendingPathComponent("var").appendingPathComponent(file)
            // The media thread closes the file a moment after the hangup.
            #expect(await eventually { ((try? Data(contentsOf: url))?.count ?? 0) > 44 + 4 * 8000 })
            let wav = try Data(contentsOf: url)
            #expect(wav[22] == 2, "two channels")
            let bytes = [UInt8](wav)
            func sample(_ offset: Int) -> Int16 { Int16(bitPattern: UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8) }
            let offsets = Array(stride(from: 44, to: bytes.count - 3, by: 4))
            let callerSide: [Int16] = offsets.map { sample($0) }
            let agentSide: [Int16] = offsets.map { sample($0 + 2) }
            // The operator's tone never stops: on its channel the pause is the one long silence.
            let pause = Self.longestSilence(agentSide)
            #expect(pause.count >= 12_000 && pause.count <= 40_000, "a pause of about 2 s (wall time: longer on a loaded machine): \(pause.count) silent frames in \(offsets.count)")
            #expect(callerSide[pause].allSatisfy { $0 == 0 }, "the caller's channel is silent too while paused")
            #expect(agentSide[..<pause.lowerBound].filter { abs(Int($0)) > 2000 }.count > 2000, "the operator before the pause")
            #expect(agentSide[pause.upperBound...].filter { abs(Int($0)) > 2000 }.count > 2000, "the operator after the pause")
            try await engine.expectNoCallObjectsLeft()
        }

        /// The longest run of exact zeros.
        static func longestSilence(_ samples: [Int16]) -> Range<Int> {
            var longest = 0..<0, start = 0
            for (index, sample) in samples.enumerated() where sample != 0 {
                if index - start > longest.count { longest = start..<index }
                start = index + 1
            }
            if samples.count - start > longest.count { longest = start..<samples.count }
            return longest
        }
    }
}
