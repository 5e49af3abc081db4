import Foundation
import Testing

/// The echo test action through the real media path, and overload control: a new call beyond
/// `limits.calls_in_setup` gets 503 with Retry-After at once, and the engine takes calls again
/// as soon as set-up frees up.
extension ServerSuite {
    @Suite(.serialized) struct LoadControlTests {
        @Test func echoSendsTheCallersToneBackUntilTheTerminator() async throws {
            let engine = try EngineUnderTest(scenarios: ["echo.sh": TestScenarios.echo], routes: "  - match: \"*\"\n    scenario: echo.sh")
            try await engine.waitUntilReady()
            let peer = try RTPPeer()
            let caller = try await SIPp.start("uac-ivr.xml", engine: engine, set: ["caller": "5551234", "rtp_port": "\(peer.port)"])
            // welcome.wav is 84 packets; then the engine is silent until the caller speaks.
            #expect(await eventually(within: 15) { peer.received >= 84 }, "the prompt reaches the caller\n\(engine.log())")
            let before = peer.received
            await peer.sendTone(seconds: 1)
            // A loaded machine may drop one of them on the way (CI once saw 49): the sound is what counts.
            #expect(await eventually(within: 10) { peer.received >= before + 45 }, "echoed \(peer.received - before) of 50 packets")
            // The last second heard is the caller's own 440 Hz tone: about 880 zero crossings a second.
            let heard = RTPPeer.decode(peer.audio.suffix(50 * 160))
            let crossings = zip(heard, heard.dropFirst()).filter { ($0 < 0) != ($1 < 0) }.count
            #expect(abs(crossings - 880) < 60, "\(crossings) zero crossings in the echoed second")
            peer.sendDigit("#")
            let run = try await caller.value
            #expect(run.allCallsSucceeded, "\(run.output)\n\(engine.log())")
            let id = try #require(try engine.calls().first?["id"] as? String)
            let call = try engine.call(id)["call"] as? [String: Any] ?? [:]
            #expect(call["hangup_reason"] as? String == "echo-over")
            // Call ids sort by time: the UTC date and time of the call, then a serial and a random part.
            let started = Date(timeIntervalSince1970: try #require(call["started_at"] as? Double))
            let day = ISO8601DateFormatter.string(from: started, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withYear, .withMonth, .withDay])
            #expect(id.wholeMatch(of: /[0-9]{8}-[0-9]{6}-[0-9a-f]{8}/) != nil && id.hasPrefix(day), "\(id) started \(started)")
        }

        @Test func callsBeyondTheSetupLimitGet503AndRetryAfter() async throws {
            let engine = try EngineUnderTest(scenarios: ["gate.sh": TestScenarios.setupGate], routes: "  - match: \"*\"\n    scenario: gate.sh",
                                             extra: "limits:\n  calls_in_setup: 1\n  setup_retry_after_seconds: 7")
            try await engine.waitUntilReady()
            defer { _ = engine.stop() }
            let first = try await SIPp.start("uac-ivr.xml", engine: engine, set: ["caller": "5550001", "rtp_port": "40000"])
            #expect(await eventually(within: 10) { ((try? await engine.health()["active_calls"]) as? Int) == 1 }, "\(engine.log())")

            let messages = engine.directory.appendingPathComponent("sipp-messages.log")
            let refused = try await SIPp.run("uac-expect-503.xml", engine: engine, extra: ["-trace_msg", "-message_file", messages.path])
            #expect(refused.allCallsSucceeded, "\(refused.output)\n\(engine.log())")
            let trace = (try? String(contentsOf: messages, encoding: .utf8)) ?? ""
            #expect(trace.contains("SIP/2.0 503") && trace.contains("Retry-After: 7"), "\(trace)")
            #expect(await eventually { engine.log().contains("limits.calls_in_setup") })

            // The held call goes on, and once it has left set-up a new call is taken again.
            FileManager.default.createFile(atPath: engine.directory.appendingPathComponent("scenarios/release").path, contents: nil)
            let firstRun = try await first.value
            #expect(firstRun.allCallsSucceeded, "\(firstRun.output)\n\(engine.log())")
            let again = try await SIPp.run("uac-ivr.xml", engine: engine, set: ["caller": "5550002", "rtp_port": "40002"])
            #expect(again.allCallsSucceeded, "\(again.output)\n\(engine.log())")
            let reasons = try engine.calls().compactMap { $0["hangup_reason"] as? String }
            #expect(reasons.filter { $0 == "released" }.count == 2, "\(reasons)")
        }
    }
}
