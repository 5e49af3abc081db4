import Foundation
import Testing

/// SDES-SRTP with a real softphone: baresip's `srtp` module with `mediaenc=srtp-mand` as an agent
/// whose policy is `required`, a clear SIPp caller in the queue, and tcpdump on loopback to see
/// what really crosses the wire between the engine and the agent.
extension ServerSuite {
    @Suite(.serialized) struct SRTPCallTests {
        static func agents(srtp policy: String) -> String {
            """
              - extension: "1001"
                name: Alice
                password_hash: "md5:9bf27cb60eaf5577521b9ee4a59bf9f2"
                queues: [support]
                srtp: \(policy)
            """
        }

        /// The `inline:` keys of every `a=crypto` line in the SIP messages captured.
        static func keys(in datagrams: [PacketCapture.Datagram]) -> Set<String> {
            var keys: Set<String> = []
            for datagram in datagrams {
                let text = String(decoding: datagram.payload, as: UTF8.self)
                for line in text.split(whereSeparator: \.isNewline) where line.hasPrefix("a=crypto:") {
                    guard let inline = line.range(of: "inline:") else { continue }
                    keys.insert(String(line[inline.upperBound...].prefix { $0 != "|" && $0 != " " }))
                }
            }
            return keys
        }

        /// `required` offers RTP/SAVP (baresip's `srtp-mand`); `optional` offers RTP/AVP with `a=crypto`,
        /// which baresip's best-effort `srtp` answers with its key.
        @Test(arguments: [("required", "srtp-mand"), ("optional", "srtp")])
        func anSRTPAgentTakesAQueuedCallerAndTheAudioIsEncrypted(policy: String, mediaenc: String) async throws {
            // Debug level and Sofia's SIP trace: every SIP message would reach the log, keys and all, but for the redaction.
            let engine = try EngineUnderTest(
                scenarios: ["q.sh": TestScenarios.queueWithRating], routes: "  - match: \"*\"\n    scenario: q.sh", rtpTimeout: 30,
                agents: Self.agents(srtp: policy),
                extra: "queues:\n  - name: support\n    wrap_up_seconds: 1\n    announce_position: false\n    announce_wait: false",
                logLevel: "debug", environment: ["TPORT_LOG": "1"])
            try await engine.waitUntilReady()
            let agent = try Baresip(engine: engine, user: "1001", password: "demo1001", mediaEncryption: mediaenc)
            defer { agent.stop() }
            let capture = try PacketCapture(
                filter: "udp and (portrange \(agent.rtpPorts.lowerBound)-\(agent.rtpPorts.upperBound) or port \(agent.sipPort))",
                in: engine.directory)
            defer { capture.stop() }
            try await capture.waitUntilListening()
            try await agent.waitUntilRegistered(engine: engine)
            try await agent.waitUntilControllable()

            let caller = try RTPPeer()
            let call = try await SIPp.start("uac-ivr.xml", engine: engine, set: ["caller": "5551234", "rtp_port": "\(caller.port)"])
            #expect(await eventually(within: 15) { caller.knowsEngine }, "\(engine.log().suffix(3000))")
            let heard = await Conversation.bothHear(caller: caller, agent: agent, within: 15)
            #expect(heard.callerHearsAgent, "the operator's voice reaches the caller, decrypted\n\(agent.log())")
            #expect(heard.agentHearsCaller, "the caller's voice reaches the operator, encrypted by the engine\n\(agent.log())")

            // What crossed loopback between the engine and baresip: SRTP, not the PCMU of the tones.
            let datagrams = capture.datagrams()
            let media = datagrams.filter { $0.payload.count >= 12 && $0.payload[0] >> 6 == 2 && $0.payload[1] & 0x7F == 0 }
            let toAgent = media.filter { agent.rtpPorts.contains($0.destinationPort) && $0.sourcePort != agent.sipPort }
            let fromAgent = media.filter { agent.rtpPorts.contains($0.sourcePort) && $0.destinationPort != agent.sipPort }
            // At least one 0.5 s burst of the caller's tone (25 packets) went each way.
            #expect(toAgent.count >= 20 && fromAgent.count >= 20, "captured \(toAgent.count) packets to baresip, \(fromAgent.count) from it")
            let tags = Set((toAgent + fromAgent).map { $0.payload.count - 12 - 160 })
            #expect(tags == [10] || tags == [4], "every packet is 20 ms of PCMU plus an SRTP authentication tag: \(tags)")
            let wireToAgent = toAgent.flatMap { RTPPeer.decode($0.payload.dropFirst(12).prefix(160)) }
            let wireFromAgent = fromAgent.flatMap { RTPPeer.decode($0.payload.dropFirst(12).prefix(160)) }
            let shareToAgent = Baresip.toneShare(wireToAgent, frequency: 440), shareFromAgent = Baresip.toneShare(wireFromAgent, frequency: 600)
            #expect(shareToAgent < 0.05 && shareFromAgent < 0.05,
                    "read as PCMU, the payloads hold no tone (440 Hz: \(shareToAgent), 600 Hz: \(shareFromAgent))")

            // The keys: two in our offer, one in baresip's answer; none in the log, the trail or the database.
            let keys = Self.keys(in: datagrams.filter { $0.sourcePort == agent.sipPort || $0.destinationPort == agent.sipPort })
            #expect(keys.count >= 3, "keys seen in the SIP messages: \(keys.count)")
            let log = engine.log()
            #expect(log.contains("inline:<redacted>"), "the SIP trace reached the log (redacted), so the check below means something")

            // The agent holds: its re-INVITE (sendonly, with its key) is answered by the dialer from
            // our own address with our key (recvonly), no longer by echoing the agent's offer back.
            let held = try agent.command("hold")
            #expect(held["ok"] as? Bool == true, "\(held)")
            #expect(await eventually(within: 10) { engine.log().contains("a=recvonly") }, "our answer to baresip's hold")
            let resumed = try agent.command("resume")
            #expect(resumed["ok"] as? Bool == true, "\(resumed)")

            _ = try agent.hangup()
            let before = caller.received
            #expect(await eventually(within: 15) { caller.received >= before + 25 }, "the rating prompt plays")
            caller.sendDigit("4")
            let run = try await call.value
            #expect(run.allCallsSucceeded, "\(run.output)\n\(engine.log().suffix(3000))")
            let id = try #require(try engine.calls().first?["id"] as? String)
            let record = try JSONSerialization.data(withJSONObject: try engine.call(id))
            let database = try FileManager.default.contentsOfDirectory(atPath: engine.directory.appendingPathComponent("var").path)
                .filter { $0.hasPrefix("callgate.sqlite") }
                .compactMap { try? Data(contentsOf: engine.directory.appendingPathComponent("var").appendingPathComponent($0)) }
            let stored = [engine.log(), String(decoding: record, as: UTF8.self)] + database.map { String(decoding: $0, as: UTF8.self) }
            for key in keys {
                #expect(!stored.contains { $0.contains(key) }, "an SRTP key leaked into the log, the call record or the database")
            }
            try await engine.expectNoCallObjectsLeft()
        }

        /// A trunk at 127.0.0.1 with `srtp: required`: every INVITE from this machine is that trunk's.
        @Test func aRequiredPeersClearOfferGets488AndItsCryptoOfferIsAnsweredWithOurKey() async throws {
            let engine = try EngineUnderTest(scenarios: ["s.sh": TestScenarios.short], routes: "  - match: \"*\"\n    scenario: s.sh",
                                             extra: "trunks:\n  - {name: here, address: 127.0.0.1:5999, allow: [\"+1*\"], srtp: required}",
                                             logLevel: "debug", environment: ["TPORT_LOG": "1"])
            try await engine.waitUntilReady()
            let client = try RawSIP(enginePort: engine.sipPort)
            let clear = client.exchange(client.request("INVITE", body: RawSIP.sdp()))
            #expect(clear?.status == 488, "a clear offer from a required peer: \(clear?.response ?? "no answer")")

            let theirs = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwd"
            let offer = RawSIP.sdp(media: "m=audio 4000 RTP/SAVP 0 101",
                                   lines: ["a=rtpmap:0 PCMU/8000", "a=rtpmap:101 telephone-event/8000",
                                           "a=crypto:5 AES_CM_128_HMAC_SHA1_80 inline:\(theirs)"])
            let secure = try #require(client.exchange(client.request("INVITE", body: offer)))
            #expect(secure.status == 200, "\(secure.response)")
            let answer = secure.response.components(separatedBy: "\r\n")
            #expect(answer.contains { $0.hasPrefix("m=audio ") && $0.hasSuffix(" RTP/SAVP 0 101") })
            let crypto = try #require(answer.first { $0.hasPrefix("a=crypto:") })
            #expect(crypto.hasPrefix("a=crypto:5 AES_CM_128_HMAC_SHA1_80 inline:"), "one line, under the offer's tag")
            let ours = String(crypto.dropFirst("a=crypto:5 AES_CM_128_HMAC_SHA1_80 inline:".count))
            #expect(ours.count == 40 && ours != theirs, "our own 30-byte key")
            #expect(await eventually(within: 10) { engine.log().contains("inline:<redacted>") }, "the SIP trace reached the log")
            #expect(!engine.log().contains(theirs) && !engine.log().contains(ours), "no key in the log")
            try await engine.expectNoCallObjectsLeft()
        }
    }
}
