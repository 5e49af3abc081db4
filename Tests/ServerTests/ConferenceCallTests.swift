import Foundation
import Testing

/// Conference rooms with real peers: SIPp callers with their own RTP, the mix heard on the wire,
/// and the supervisor's API (list, mute, kick).
extension ServerSuite {
    @Suite(.serialized) struct ConferenceCallTests {
        struct Caller {
            let number: String
            let peer: RTPPeer
            let run: Task<SIPp.Run, any Error>
        }

        func engine() async throws -> EngineUnderTest {
            let engine = try EngineUnderTest(scenarios: ["conf.sh": TestScenarios.conference], routes: "  - match: \"*\"\n    scenario: conf.sh",
                                             rtpTimeout: 30)
            try await engine.waitUntilReady()
            return engine
        }

        /// Callers who dialed in and sit in room "team" (the room's mix reaches each, so each knows the engine).
        func dialIn(_ numbers: [String], engine: EngineUnderTest) async throws -> [Caller] {
            var callers: [Caller] = []
            for number in numbers {
                let peer = try RTPPeer()
                let run = try await SIPp.start("uac-ivr.xml", engine: engine, set: ["caller": number, "rtp_port": "\(peer.port)"], timeout: 60)
                callers.append(Caller(number: number, peer: peer, run: run))
            }
            let seated = await eventually(within: 20) {
                let count = (try? await participants(engine).count) ?? 0
                return count == numbers.count && callers.allSatisfy(\.peer.knowsEngine)
            }
            #expect(seated, "\(engine.log())")
            return callers
        }

        func participants(_ engine: EngineUnderTest, room: String = "team") async throws -> [[String: Any]] {
            let (_, json) = try await engine.api("GET", "/api/conferences")
            let rooms = (json as? [String: Any])?["conferences"] as? [[String: Any]] ?? []
            return rooms.first { $0["name"] as? String == room }?["participants"] as? [[String: Any]] ?? []
        }

        func callID(of number: String, _ engine: EngineUnderTest) async throws -> String {
            try #require(try await participants(engine).first { $0["caller_number"] as? String == number }?["call_id"] as? String)
        }

        /// Each speaks its tone at once for `seconds`; returns what each heard meanwhile (8 kHz).
        func speakTogether(_ callers: [Caller], tones: [Double], seconds: Double) async -> [[Int16]] {
            let before = callers.map { $0.peer.audio.count }
            await withTaskGroup(of: Void.self) { group in
                for (caller, tone) in zip(callers, tones) {
                    group.addTask { await caller.peer.sendTone(seconds: seconds, frequency: tone) }
                }
            }
            // From 200 ms in (the tones reaching every jitter buffer) to the end of the talk.
            return zip(callers, before).map { caller, start in RTPPeer.decode(caller.peer.audio.dropFirst(start + 1600)) }
        }

        /// A tone's share averaged over the 20 ms frames that carry sound: a late packet's gap costs
        /// one frame, not the whole window.
        func share(_ samples: [Int16], _ hz: Double) -> Double {
            let frames = stride(from: 0, to: samples.count - 159, by: 160).map { Array(samples[$0..<$0 + 160]) }
                .filter { frame in frame.map { abs(Int($0)) }.max() ?? 0 > 300 }
            guard !frames.isEmpty else { return 0 }
            return frames.map { Baresip.toneShare($0, frequency: hz) }.reduce(0, +) / Double(frames.count)
        }

        /// Ends each call through the API; the scenario hangs up on `conference.done` `kicked`.
        func kickAll(_ callers: [Caller], _ engine: EngineUnderTest) async throws {
            for caller in callers {
                let id = try await callID(of: caller.number, engine)
                let (status, _) = try await engine.api("DELETE", "/api/conferences/team/participants/\(id)")
                #expect(status == 204)
            }
        }

        func hangupReasons(_ engine: EngineUnderTest, count: Int) async -> [String] {
            var reasons: [String] = []
            _ = await eventually(within: 10) {
                reasons = ((try? engine.calls()) ?? []).compactMap { $0["hangup_reason"] as? String }
                return reasons.count == count
            }
            return reasons.sorted()
        }

        @Test func threeCallersEachHearTheOtherTwoAndNeverThemselves() async throws {
            let engine = try await engine()
            let callers = try await dialIn(["5551002", "5551003", "5551004"], engine: engine)
            let tones = [440.0, 700.0, 1100.0]
            let heard = await speakTogether(callers, tones: tones, seconds: 2)
            for (index, audio) in heard.enumerated() {
                for (other, tone) in tones.enumerated() where other != index {
                    #expect(share(audio, tone) > 0.2, "caller \(index) hears \(tone) Hz")
                }
                #expect(share(audio, tones[index]) < 0.02, "caller \(index) never hears its own \(tones[index]) Hz")
            }
            try await kickAll(callers, engine)
            for caller in callers {
                let run = try await caller.run.value
                #expect(run.allCallsSucceeded, "\(run.output)")
            }
            #expect(await hangupReasons(engine, count: 3) == ["conf-kicked", "conf-kicked", "conf-kicked"])
            #expect(try await participants(engine).isEmpty, "the room is gone once empty")
            try await engine.expectNoCallObjectsLeft()
        }

        @Test func theAPIListsMutesAndKicksWithClearErrors() async throws {
            let engine = try await engine()
            let callers = try await dialIn(["5551002", "5551003"], engine: engine)
            let list = try await participants(engine)
            #expect(Set(list.compactMap { $0["caller_number"] as? String }) == ["5551002", "5551003"])
            #expect(list.allSatisfy { $0["muted"] as? Bool == false && $0["moderator"] as? Bool == false && $0["joined_at"] is Double })
            let first = try await callID(of: "5551002", engine)

            #expect(try await engine.api("POST", "/api/conferences/team/participants/\(first)/mute").status == 204)
            #expect(try await participants(engine).first { $0["call_id"] as? String == first }?["muted"] as? Bool == true)
            let muted = await speakTogether(callers, tones: [440, 700], seconds: 1)
            #expect(share(muted[1], 440) < 0.02, "nobody hears a muted caller")
            #expect(share(muted[0], 700) > 0.5, "a muted caller still hears the room")
            #expect(try await engine.api("POST", "/api/conferences/team/participants/\(first)/unmute").status == 204)
            let unmuted = await speakTogether(callers, tones: [440, 700], seconds: 1)
            #expect(share(unmuted[1], 440) > 0.5, "heard again once unmuted")

            let unknownRoom = try await engine.api("POST", "/api/conferences/nowhere/participants/\(first)/mute")
            #expect(unknownRoom.status == 404)
            #expect((unknownRoom.json as? [String: Any])?["error"] as? String == "not_found")
            #expect(try await engine.api("DELETE", "/api/conferences/team/participants/20260101-000000-00000000").status == 404)
            let badRoom = try await engine.api("POST", "/api/conferences/bad%20room/participants/\(first)/mute")
            #expect(badRoom.status == 400)
            #expect((badRoom.json as? [String: Any])?["field"] as? String == "room")
            #expect(try await engine.api("POST", "/api/conferences/team/participants/\(first)/mute", body: #"{"x":1}"#).status == 400)
            #expect(try await engine.api("GET", "/api/conferences/team/participants/\(first)").status == 405)

            try await kickAll(callers, engine)
            for caller in callers { _ = try await caller.run.value }
            #expect(await hangupReasons(engine, count: 2) == ["conf-kicked", "conf-kicked"])
            try await engine.expectNoCallObjectsLeft()
        }

        @Test func whenTheLastModeratorLeavesTheOthersAreLetGo() async throws {
            let engine = try await engine()
            let callers = try await dialIn(["5551001", "5551002"], engine: engine)
            #expect(try await participants(engine).first { $0["caller_number"] as? String == "5551001" }?["moderator"] as? Bool == true)
            let moderator = try await callID(of: "5551001", engine)
            #expect(try await engine.api("DELETE", "/api/conferences/team/participants/\(moderator)").status == 204)
            for caller in callers { _ = try await caller.run.value }
            #expect(await hangupReasons(engine, count: 2) == ["conf-kicked", "conf-room_ended"])
            try await engine.expectNoCallObjectsLeft()
        }
    }
}
