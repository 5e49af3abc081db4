import Foundation
import Testing

/// A real softphone (baresip) as the agent: it registers, the engine transfers a SIPp caller to it,
/// it auto-answers, audio flows both ways through the engine's bridge, and it hangs up first.
extension ServerSuite {
    @Suite(.serialized) struct BaresipTests {
        @Test func aRealSoftphoneAnswersATransferTalksBothWaysAndHangsUp() async throws {
            let engine = try EngineUnderTest(scenarios: ["t.sh": TestScenarios.transfer], routes: "  - match: \"*\"\n    scenario: t.sh")
            defer { engine.stop() }
            try await engine.waitUntilReady()

            // The agent's softphone registers as 1001 and sends a 600 Hz tone as its voice.
            let phone = try Baresip(engine: engine, toneFrequency: 600)
            defer { phone.stop() }
            try await phone.waitUntilRegistered(engine: engine)
            let agents = try await engine.health()["registered_agents"] as? Int
            #expect(agents == 1, "one registered agent\n\(phone.log())")
            try await phone.waitUntilControllable()

            // The caller dials; the scenario transfers to 1001; baresip rings and answers by itself.
            let callerMedia = try RTPPeer()
            defer { callerMedia.stop() }
            let caller = try await SIPp.start("uac-ivr.xml", engine: engine, set: ["caller": "5551234", "rtp_port": "\(callerMedia.port)"])
            #expect(await eventually(within: 15) { callerMedia.knowsEngine }, "media reaches the caller\n\(engine.log())\n\(phone.log())")

            // The caller talks (440 Hz) until the phone has heard a second of it, at most 8 s.
            func heardCaller() -> Bool {
                let heard = phone.receivedAudio()
                return heard.filter { abs(Int($0)) > 2000 }.count >= 8000
            }
            for _ in 0..<16 where !heardCaller() { await callerMedia.sendTone(seconds: 0.5) }
            #expect(heardCaller(), "the caller's voice reaches the phone\n\(engine.log())\n\(phone.log())")

            // The phone's voice reaches the caller: real µ-law, mostly the 600 Hz tone, not ringback (440 + 480 Hz) or silence.
            let bridgedFrom = callerMedia.received
            let audioFrom = callerMedia.audio.count
            #expect(await eventually(within: 10) { callerMedia.received - bridgedFrom >= 40 },
                    "the phone's voice reaches the caller (\(callerMedia.received - bridgedFrom) packets)")
            let fromPhone = Array(callerMedia.audio.dropFirst(audioFrom))
            #expect(fromPhone.count >= 40 * 160, "40 packets of audio, got \(fromPhone.count) bytes")
            #expect(fromPhone.filter { $0 != 0xFF && $0 != 0x7F }.count > fromPhone.count / 2, "not silence")
            let decoded = fromPhone.map(Self.ulawDecode)
            let share600 = Baresip.toneShare(decoded, frequency: 600)
            #expect(share600 > 0.5, "the phone's 600 Hz tone dominates what the caller hears (share \(share600))")

            // The agent hangs up from the phone: transfer.done "ended", the scenario hangs up, the caller gets a BYE.
            let response = try phone.hangup()
            #expect(response["ok"] as? Bool == true, "hangup accepted: \(response)")
            let callerRun = try await caller.value
            #expect(callerRun.allCallsSucceeded, "the caller got a BYE\n\(callerRun.output)\n\(engine.log())\n\(phone.log())")

            // What the phone recorded is the caller's 440 Hz tone (sndfile closes the file when the call ends).
            #expect(await eventually(within: 5) { phone.receivedFiles().count == 1 }, "one recording of what the phone heard")
            let heard = phone.receivedAudio()
            let loud = heard.filter { abs(Int($0)) > 2000 }
            #expect(loud.count >= 8000, "at least a second of the caller's tone, got \(loud.count) loud samples of \(heard.count)")
            let loudStretch = Array(heard.drop { abs(Int($0)) <= 2000 }.prefix(8000))
            let share440 = Baresip.toneShare(loudStretch, frequency: 440)
            #expect(share440 > 0.5, "the caller's 440 Hz tone is what the phone heard (share \(share440))")

            // The call record says how it ended.
            var call: [String: Any] = [:]
            let recorded = await eventually(within: 5) {
                guard let id = (try? engine.calls())?.first?["id"] as? String,
                      let detail = (try? engine.call(id))?["call"] as? [String: Any], detail["hangup_reason"] as? String != nil else { return false }
                call = detail
                return true
            }
            #expect(recorded, "the call was recorded\n\(engine.log())")
            #expect(call["hangup_reason"] as? String == "transfer-ended", "\(call)\n\(engine.log())")
            #expect(phone.isRunning, "the phone survived the call\n\(phone.log())")

            // The phone quits: it unregisters on its way out.
            #expect(try phone.quit(), "the phone quit by itself\n\(phone.log())")
            #expect(await eventually(within: 10) { (try? await engine.health()["registered_agents"] as? Int) == 0 },
                    "the phone unregistered when it quit\n\(engine.log())")
        }

        /// G.711 µ-law to linear 16-bit.
        static func ulawDecode(_ byte: UInt8) -> Int16 {
            let u = ~byte
            let sign = u & 0x80
            let exponent = Int((u >> 4) & 0x07)
            let mantissa = Int(u & 0x0F)
            let magnitude = ((mantissa << 3) + 0x84) << exponent
            return Int16(sign != 0 ? 0x84 - magnitude : magnitude - 0x84)
        }
    }
}
