import Foundation
import Testing

/// Recordings through `callgate serve`: private file modes, and a refusal that runs the route's
/// fallback when the disk is below `limits.min_free_disk_mb` (issue 9, part 6).
extension ServerSuite {
    @Suite(.serialized) struct DiskLimitTests {
        /// Hangs up at once, naming the error code the engine handed it.
        static let fallback = """
            #!/bin/sh
            echo "{\\"actions\\":[{\\"action\\":\\"hangup\\",\\"reason\\":\\"fallback-$CALLGATE_ERROR\\"}]}"
            """

        func lastCall(_ engine: EngineUnderTest) throws -> (call: [String: Any], trail: String) {
            let id = try #require(try engine.calls().first?["id"] as? String)
            let detail = try engine.call(id)
            let trail = (detail["trail"] as? [[String: Any]] ?? []).compactMap { entry in
                (try? JSONSerialization.data(withJSONObject: entry["detail"] ?? [:])).map { String(decoding: $0, as: UTF8.self) }
            }
            return (detail["call"] as? [String: Any] ?? [:], trail.joined(separator: "\n"))
        }

        func mode(_ url: URL) throws -> Int {
            try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int)
        }

        @Test func aRecordingBelowTheFreeDiskFloorFailsIntoTheRoutesFallback() async throws {
            // No disk has an exabyte free: the real statvfs check refuses every recording.
            let engine = try EngineUnderTest(scenarios: ["record.sh": TestScenarios.record, "fallback.sh": Self.fallback],
                                             routes: "  - match: \"*\"\n    scenario: record.sh\n    fallback: {scenario: fallback.sh}",
                                             extra: "limits:\n  min_free_disk_mb: 1000000000")
            try await engine.waitUntilReady()
            let peer = try RTPPeer()
            let run = try await SIPp.run("uac-ivr.xml", engine: engine, set: ["caller": "5551234", "rtp_port": "\(peer.port)"])
            #expect(run.allCallsSucceeded, "the fallback's hangup ends the call\n\(run.output)\n\(engine.log())")
            #expect(await eventually(within: 10) { (try? lastCall(engine).call["hangup_reason"] as? String) == "fallback-action_failed" },
                    "\(engine.log())")
            let trail = try lastCall(engine).trail
            #expect(trail.contains("below limits.min_free_disk_mb"), "\(trail)")
            let log = engine.log()
            #expect(log.contains("recording refused: only "), "a clear log line")
            #expect(log.contains("below limits.min_free_disk_mb (1000000000 MB)"))
            let recordings = engine.directory.appendingPathComponent("var/recordings")
            #expect(!FileManager.default.fileExists(atPath: recordings.path), "nothing was written")
        }

        @Test func aRecordingIsMode0640InAFolderOfMode0750() async throws {
            let engine = try EngineUnderTest(scenarios: ["record.sh": TestScenarios.record],
                                             routes: "  - match: \"*\"\n    scenario: record.sh",
                                             extra: "limits:\n  min_free_disk_mb: 1")
            try await engine.waitUntilReady()
            let peer = try RTPPeer()
            let caller = try await SIPp.start("uac-ivr.xml", engine: engine, set: ["caller": "5551234", "rtp_port": "\(peer.port)"])
            #expect(await eventually(within: 15) { peer.knowsEngine }, "the beep tells the caller where the engine's media is")
            await peer.sendTone(seconds: 1)
            peer.sendDigit("#")
            let run = try await caller.value
            #expect(run.allCallsSucceeded, "\(run.output)\n\(engine.log())")
            let call = try lastCall(engine).call
            #expect(call["hangup_reason"] as? String == "recorded-terminator")
            let file = try #require(call["recording_path"] as? String)
            let data = engine.directory.appendingPathComponent("var")
            #expect(try mode(data.appendingPathComponent(file)) == 0o640)
            #expect(try mode(data.appendingPathComponent("recordings")) == 0o750)
        }
    }
}
