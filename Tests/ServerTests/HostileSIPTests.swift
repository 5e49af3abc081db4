import Foundation
import Testing

/// What a scanner, a broken phone or an attacker can send to the SIP port. After each class of
/// input the engine answers OPTIONS, completes a normal call with its call record, and holds no
/// per-call objects once the calls are gone.
extension ServerSuite {
    @Suite(.serialized) struct HostileSIPTests {
        static let huge = "99999999999999999999"

        /// Routes: 5000 answers and plays (the normal call); 486 rejects at once (cheap to flood).
        func engine(sip: String = "") async throws -> EngineUnderTest {
            let engine = try EngineUnderTest(
                scenarios: ["ivr.sh": TestScenarios.ivr, "busy.sh": TestScenarios.busy],
                routes: "  - match: \"486\"\n    scenario: busy.sh\n  - match: \"*\"\n    scenario: ivr.sh",
                sip: sip)
            try await engine.waitUntilReady()
            return engine
        }

        /// OPTIONS, then a whole IVR call (key 2 → hang up "picked-2") that leaves its call record.
        func expectStillServing(_ engine: EngineUnderTest, _ client: RawSIP, sourceLocation: SourceLocation = #_sourceLocation) async throws {
            #expect(engine.isRunning, "the engine stopped:\n\(engine.log().suffix(3000))", sourceLocation: sourceLocation)
            #expect(client.optionsAnswered(), "OPTIONS is answered", sourceLocation: sourceLocation)
            let before = try engine.calls().filter { $0["hangup_reason"] as? String == "picked-2" }.count
            let peer = try RTPPeer()
            let caller = try await SIPp.start("uac-ivr.xml", engine: engine, set: ["caller": "5551234", "rtp_port": "\(peer.port)"])
            #expect(await eventually(within: 15) { peer.received > 10 }, "the normal call hears its prompt", sourceLocation: sourceLocation)
            // Key 2 until the menu takes it (keys during the welcome prompt are not for the menu).
            _ = await eventually(within: 30) {
                peer.sendDigit("2")
                try? await Task.sleep(for: .milliseconds(300))
                return ((try? engine.calls().filter { $0["hangup_reason"] as? String == "picked-2" }.count) ?? 0) > before
            }
            let run = try await caller.value
            #expect(run.allCallsSucceeded, "\(run.output)", sourceLocation: sourceLocation)
            peer.stop()
            let recorded = await eventually(within: 10) {
                ((try? engine.calls().filter { $0["hangup_reason"] as? String == "picked-2" }.count) ?? 0) == before + 1
            }
            #expect(recorded, "the normal call has its record", sourceLocation: sourceLocation)
        }

        @Test func numbersTooBigForAnyIntegerAreRefusedOrClamped() async throws {
            let engine = try await engine()
            let client = try RawSIP(enginePort: engine.sipPort)
            // The datagram that stopped the engine of 2026-12-07: a REGISTER is challenged as usual.
            let register = client.exchange(client.request("REGISTER", user: "1001", from: "1001", override: ["Expires": Self.huge]))
            #expect(register?.status == 401, "REGISTER with Expires: \(Self.huge): \(register?.response ?? "no answer")")
            let contact = client.exchange(client.request("REGISTER", user: "1001", from: "1001",
                                                         override: ["Contact": "<sip:1001@127.0.0.1:5999>;expires=\(Self.huge)"]))
            #expect(contact?.status == 401)
            // The same in an INVITE reaches the engine's call set-up: the caller gets the scenario's 486.
            let invite = client.exchange(client.request("INVITE", user: "486", override: ["Expires": Self.huge], body: RawSIP.sdp()))
            #expect(invite?.status == 486, "INVITE with Expires: \(Self.huge): \(invite?.response ?? "no answer")")
            // Every other numeric header and URI number: whatever Sofia makes of it, nothing traps.
            let numeric: [[String: String]] = [
                ["Max-Forwards": Self.huge], ["CSeq": "\(Self.huge) INVITE"], ["Content-Length": Self.huge],
                ["Retry-After": Self.huge], ["Session-Expires": Self.huge], ["Min-SE": Self.huge], ["RSeq": Self.huge],
                ["Via": "SIP/2.0/UDP 127.0.0.1:\(client.localPort);branch=z9hG4bK-n;rport=\(Self.huge);ttl=\(Self.huge)"],
                ["From": "<sip:666@127.0.0.1:\(Self.huge)>;tag=x"], ["To": "<sip:486@127.0.0.1:4294967297>"],
                ["Contact": "<sip:666@127.0.0.1:70000>;expires=-1"], ["Expires": "-1"], ["CSeq": "-1 INVITE"],
                ["Max-Forwards": "-1"], ["Content-Length": "-5"],
            ]
            for headers in numeric {
                for method in ["INVITE", "REGISTER"] {
                    let request = client.request(method, user: method == "INVITE" ? "486" : "1001", override: headers,
                                                 body: method == "INVITE" ? RawSIP.sdp() : "")
                    _ = client.exchange(request, within: 2)
                }
            }
            try await expectStillServing(engine, client)
            try await engine.expectNoCallObjectsLeft()
        }

        @Test func outOfRangeSDPIsRefusedWith488OrNarrowedToWhatIsValid() async throws {
            let engine = try await engine()
            let client = try RawSIP(enginePort: engine.sipPort)
            func status(_ sdp: String) -> Int? {
                client.exchange(client.request("INVITE", user: "486", body: sdp))?.status
            }
            // The datagram that stopped the engine: telephone-event on payload type 300.
            #expect(status(RawSIP.sdp(media: "m=audio 4000 RTP/AVP 0 300", lines: ["a=rtpmap:300 telephone-event/8000"])) == 486,
                    "PCMU is still usable; PT 300 is ignored")
            #expect(status(RawSIP.sdp(media: "m=audio 4000 RTP/AVP 300", lines: ["a=rtpmap:300 PCMU/8000"])) == 488)
            #expect(status(RawSIP.sdp(media: "m=audio 4000 RTP/AVP 256 -1 18446744073709551616", lines: [])) == 488)
            #expect(status(RawSIP.sdp(media: "m=audio 70000 RTP/AVP 0")) == 488, "a port beyond 65535")
            #expect(status(RawSIP.sdp(media: "m=audio -4000 RTP/AVP 0")) == 488)
            #expect(status(RawSIP.sdp(media: "m=audio \(Self.huge) RTP/AVP 0")) == 488)
            #expect(status(RawSIP.sdp(connection: "c=IN IP4 999.999.999.999")) == 488, "an address that is not one")
            #expect(status(RawSIP.sdp(lines: ["a=rtpmap:0 PCMU/\(Self.huge)", "a=ptime:\(Self.huge)", "a=ptime:0",
                                              "a=rtpmap:101 telephone-event/\(Self.huge)/\(Self.huge)", "a=fmtp:\(Self.huge) 0-16"])) == 486,
                    "absurd rates and ptimes are ignored, PCMU by its static number still works")
            let manyFormats = (0..<5000).map { String($0 % 300) }.joined(separator: " ")
            #expect(status(RawSIP.sdp(media: "m=audio 4000 RTP/AVP \(manyFormats)")) == 486)
            // Bytes that are not UTF-8, in the SDP and in the From display name.
            var broken = Array(client.request("INVITE", user: "486", body: RawSIP.sdp()).text.utf8)
            broken.replaceSubrange(broken.count - 10..<broken.count - 8, with: [0xC3, 0x28])
            client.send(broken)
            try await expectStillServing(engine, client)
            try await engine.expectNoCallObjectsLeft()
        }

        @Test func oversizedMessagesAreRefusedOnUDPAndTCP() async throws {
            let engine = try await engine(sip: "  max_message_bytes: 16384\n")
            let client = try RawSIP(enginePort: engine.sipPort)
            let big = client.request("INVITE", user: "486", extra: ["X-Padding: " + String(repeating: "A", count: 60_000)], body: RawSIP.sdp())
            let answer = client.exchange(big, within: 5)
            #expect(answer?.status == 413, "a message over max_message_bytes: \(answer?.response ?? "no answer")")
            // Over TCP the connection of a message beyond the limit is closed.
            let tcp = try #require(RawTCP(port: engine.sipPort))
            _ = tcp.write(Array(client.request("INVITE", user: "486", extra: ["X-Padding: " + String(repeating: "B", count: 200_000)],
                                               body: RawSIP.sdp()).text.utf8))
            #expect(await eventually(within: 10) { tcp.closedByPeer() }, "the engine closes a TCP connection that exceeds max_message_bytes")
            try await expectStillServing(engine, client)
        }

        @Test func slowSendersAndIdleConnectionsAreCutOff() async throws {
            let engine = try await engine(sip: "  message_timeout_seconds: 2\n  tcp_idle_seconds: 3\n  max_tcp_connections_per_source: 10\n")
            let client = try RawSIP(enginePort: engine.sipPort)
            let text = Array(client.request("OPTIONS").text.utf8)
            // Slowloris: 20 connections from one source, each trickling a message a byte at a time.
            // Each byte restarts Sofia's receive timeout; the per-source cap keeps 10 and cuts the rest.
            let slow = (0..<20).compactMap { _ in RawTCP(port: engine.sipPort) }
            #expect(slow.count == 20)
            var sent = 0
            var cut = Set<Int>()
            let capped = await eventually(within: 15) {
                for (index, connection) in slow.enumerated() where !cut.contains(index) {
                    if connection.closedByPeer(timeoutMilliseconds: 0) { cut.insert(index) } else { connection.write([text[sent % (text.count - 4)]]) }
                }
                sent += 1
                try? await Task.sleep(for: .milliseconds(200))
                return cut.count >= 10
            }
            #expect(capped, "the engine keeps at most 10 connections from one source (\(cut.count) of 20 cut)")
            #expect(await eventually { engine.log().contains("over the per-source connection limit") }, "the cut is logged")
            slow.forEach { $0.closeNow() }
            // A message that stalls half-way: closed after message_timeout_seconds.
            let stalled = try #require(RawTCP(port: engine.sipPort))
            stalled.write(Array(text.prefix(40)))
            #expect(await eventually(within: 10) { stalled.closedByPeer() }, "a stalled message closes its connection")
            // Connections that never send a byte: closed after tcp_idle_seconds (or by the cap).
            let idle = (0..<200).compactMap { _ in RawTCP(port: engine.sipPort) }
            #expect(idle.count == 200)
            try await expectStillServing(engine, client)
            #expect(await eventually(within: 20) { idle.allSatisfy { $0.closedByPeer(timeoutMilliseconds: 1) } },
                    "silent connections are closed")
            // And a well-behaved TCP peer still gets its answer.
            let fresh = try #require(RawTCP(port: engine.sipPort))
            fresh.write(Array(client.request("OPTIONS").text.replacingOccurrences(of: "SIP/2.0/UDP", with: "SIP/2.0/TCP").utf8))
            #expect(await eventually(within: 5) { fresh.received().contains("SIP/2.0 200") }, "OPTIONS over TCP is answered")
        }

        @Test func aFloodOfInvitesFromOneSourceEndsCleanly() async throws {
            let engine = try await engine()
            let client = try RawSIP(enginePort: engine.sipPort)
            let requests = (0..<400).map { _ in client.request("INVITE", user: "486", body: RawSIP.sdp()) }
            for request in requests { client.send(request.text) }
            // Every INVITE gets a final answer (the scenario's 486, or 503 when the set-up limit is
            // reached), each ACKed; then nothing of them is left.
            // Like a phone, the client retransmits what is still unanswered (RFC 3261 timer A): a
            // datagram lost to a full socket buffer is not the engine's fault.
            var answered: [String: Int] = [:]
            let byCallID = Dictionary(uniqueKeysWithValues: requests.map { ($0.callID, $0) })
            let deadline = Date().addingTimeInterval(60)
            var nextRetransmission = Date().addingTimeInterval(0.5)
            while answered.count < requests.count && Date() < deadline {
                if Date() > nextRetransmission {
                    for request in requests where answered[request.callID] == nil { client.send(request.text) }
                    nextRetransmission = Date().addingTimeInterval(1)
                }
                guard let response = client.receive(), let callID = RawSIP.header("Call-ID", in: response),
                      let status = RawSIP.status(response), status >= 200, let request = byCallID[callID] else { continue }
                if answered[callID] == nil { client.acknowledge(request.text, response: response, status: status) }
                answered[callID] = status
            }
            #expect(answered.count == requests.count, "\(answered.count) of \(requests.count) INVITEs answered")
            #expect(Set(answered.values).isSubset(of: [486, 503]), "\(Set(answered.values))")
            try await expectStillServing(engine, client)
            try await engine.expectNoCallObjectsLeft()
        }

        @Test func aBurstOfCallsOfEveryKindLeavesNothingBehind() async throws {
            let garbage = "#!/bin/sh\necho 'this is not JSON'\n"
            let engine = try EngineUnderTest(
                scenarios: ["ivr.sh": TestScenarios.ivr, "busy.sh": TestScenarios.busy, "bad.sh": garbage, "short.sh": TestScenarios.short],
                routes: "  - match: \"486\"\n    scenario: busy.sh\n  - match: \"bad\"\n    scenario: bad.sh\n"
                    + "  - match: \"short\"\n    scenario: short.sh\n  - match: \"*\"\n    scenario: ivr.sh")
            try await engine.waitUntilReady()
            let peer = try RTPPeer()
            // Answered with a prompt, failed scenario (error prompt, hang-up), rejected, and callers who hang up mid-menu.
            let answered = try await SIPp.start("uac-ivr.xml", engine: engine, set: ["caller": "5551001", "rtp_port": "\(peer.port)"])
            async let failed = SIPp.run("uac-ivr.xml", engine: engine, calls: 10, rate: 10,
                                        set: ["caller": "5551002", "rtp_port": "\(peer.port)"], extra: ["-s", "bad"])
            async let rejected = SIPp.run("uac-expect-486.xml", engine: engine, calls: 20, rate: 20, extra: ["-s", "486"])
            async let hungUp = SIPp.run("uac-hangup.xml", engine: engine, calls: 10, rate: 10, set: ["caller": "5551003", "rtp_port": "\(peer.port)"])
            async let short = SIPp.run("uac-ivr.xml", engine: engine, calls: 10, rate: 10,
                                       set: ["caller": "5551004", "rtp_port": "\(peer.port)"], extra: ["-s", "short"])
            let runs = try await [failed, rejected, hungUp, short]
            for run in runs { #expect(run.allCallsSucceeded, "\(run.output)") }
            peer.sendDigit("1")
            #expect(try await answered.value.allCallsSucceeded)
            let calls = try engine.calls()
            #expect(calls.count == 51, "\(calls.count) call records")
            #expect(calls.filter { ($0["errors"] as? [Any])?.isEmpty == false }.count >= 10, "the failed scenarios are on record")
            try await engine.expectNoCallObjectsLeft()
            peer.stop()
        }

        @Test func aFloodOfTelephoneEventsDuringACall() async throws {
            let engine = try await engine()
            let client = try RawSIP(enginePort: engine.sipPort)
            let peer = try RTPPeer()
            let caller = try await SIPp.start("uac-ivr.xml", engine: engine, set: ["caller": "5550000", "rtp_port": "\(peer.port)"])
            #expect(await eventually(within: 15) { peer.received > 10 })
            // 5,000 RFC 4733 events over a few seconds (through the welcome prompt and into the menu),
            // each with a fresh timestamp: each is a new key press.
            for index in 0..<5000 {
                peer.sendDigit(index % 2 == 0 ? "5" : "7")
                if index % 50 == 0 { try await Task.sleep(for: .milliseconds(40)) }
            }
            let run = try await caller.value
            #expect(run.allCallsSucceeded, "\(run.output)")
            peer.stop()
            #expect(await eventually(within: 10) {
                ((try? engine.calls().first { $0["from"] as? String == "5550000" }?["hangup_reason"] as? String) ?? nil) == "no-choice"
            }, "the first key ended the menu; the rest were dropped")
            try await expectStillServing(engine, client)
            try await engine.expectNoCallObjectsLeft()
        }
    }
}

extension EngineUnderTest {
    /// Waits (bounded) until the health view shows no call and no per-call object in memory.
    func expectNoCallObjectsLeft(sourceLocation: SourceLocation = #_sourceLocation) async throws {
        var last: [String: Any] = [:]
        let clean = await eventually(within: 40) {
            guard let health = try? await self.health(), let live = health["live"] as? [String: Any] else { return false }
            last = health
            let counts = ["sessions", "call_edges", "sip_handles", "media_legs", "scenario_runs"].map { live[$0] as? Int ?? -1 }
            return health["active_calls"] as? Int == 0 && counts.allSatisfy { $0 == 0 }
        }
        #expect(clean, "per-call objects left after every call ended: \(last)", sourceLocation: sourceLocation)
    }
}
