import Foundation
import Testing

/// REFERs that no phone should send, in a call's dialog and outside any: each gets its status
/// (400 for a Refer-To that is missing, garbage or huge; 403 on a leg that is no operator's; 481
/// outside a call), and the engine goes on serving.
extension ServerSuite {
    @Suite(.serialized) struct HostileReferTests {
        @Test func brokenRefersAreRefusedAndNothingBreaks() async throws {
            let hostile = HostileSIPTests()
            let engine = try await hostile.engine()
            defer { engine.stop() }
            let client = try RawSIP(enginePort: engine.sipPort)
            // A call in the IVR: INVITE, 200, ACK; the REFERs go in its dialog.
            let invite = client.request("INVITE", user: "5000", body: RawSIP.sdp())
            client.send(invite.text)
            let answer = try #require(awaitAnswer(client, callID: invite.callID), "the call is answered\n\(engine.log().suffix(2000))")
            let to = try #require(RawSIP.header("To", in: answer))
            let from = try #require(RawSIP.header("From", in: invite.text))
            var cseq = 1
            func inDialog(_ method: String, headers: [String]) -> String {
                cseq += 1
                let branch = "z9hG4bK-\(UInt32.random(in: 0...UInt32.max))"
                var text = "\(method) sip:callgate@127.0.0.1:\(engine.sipPort) SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:\(client.localPort);branch=\(branch);rport\r\n"
                text += "From: \(from)\r\nTo: \(to)\r\nCall-ID: \(invite.callID)\r\nCSeq: \(cseq) \(method)\r\nMax-Forwards: 70\r\n"
                text += "Contact: <sip:666@127.0.0.1:\(client.localPort)>\r\n"
                for header in headers { text += header + "\r\n" }
                return text + "Content-Length: 0\r\n\r\n"
            }
            client.send(inDialog("ACK", headers: []).replacingOccurrences(of: "CSeq: 2 ACK", with: "CSeq: 1 ACK"))
            cseq = 1

            let cases: [(name: String, headers: [String], status: Int)] = [
                ("no Refer-To", [], 400),
                ("garbage", ["Refer-To: %%%<<<>>>@@@;;;"], 400),
                ("an empty one", ["Refer-To: "], 400),
                ("not a SIP URI", ["Refer-To: <http://example.com/1002>"], 400),
                ("a huge one", ["Refer-To: <sip:\(String(repeating: "9", count: 3000))@127.0.0.1>"], 400),
                ("a broken Replaces", ["Refer-To: <sip:1002@127.0.0.1?Replaces=%ZZ>"], 400),
                ("a Replaces without tags", ["Refer-To: <sip:1002@127.0.0.1?Replaces=abc>"], 400),
                ("a Replaces with an escaped CR LF", ["Refer-To: <sip:1002@127.0.0.1?Replaces=a%0D%0AX%3Bto-tag%3D1%3Bfrom-tag%3D2>"], 400),
                ("a huge Replaces", ["Refer-To: <sip:1002@127.0.0.1?Replaces=\(String(repeating: "c", count: 1900))%3Bto-tag%3D1%3Bfrom-tag%3D2>"], 400),
                ("a good Replaces on a caller's leg", ["Refer-To: <sip:1002@127.0.0.1?Replaces=abc%3Bto-tag%3D1%3Bfrom-tag%3D2>"], 403),
                ("a good one on a caller's leg", ["Refer-To: <sip:1002@127.0.0.1>"], 403),
            ]
            for item in cases {
                let text = inDialog("REFER", headers: item.headers)
                let status = exchange(client, text, callID: invite.callID, cseq: cseq)
                #expect(status == item.status, "REFER with \(item.name): \(status.map(String.init) ?? "no answer")")
            }
            // Outside any call.
            let stray = client.request("REFER", user: "5000", override: ["Refer-To": "<sip:1002@127.0.0.1>"])
            #expect(client.exchange(stray, within: 5)?.status == 481, "a REFER outside a call")

            client.send(inDialog("BYE", headers: []))
            _ = exchange(client, nil, callID: invite.callID, cseq: cseq)
            try await hostile.expectStillServing(engine, client)
            try await engine.expectNoCallObjectsLeft()
        }

        /// The 200 OK to the INVITE (provisional answers skipped).
        func awaitAnswer(_ client: RawSIP, callID: String, within seconds: Double = 10) -> String? {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                guard let message = client.receive(), RawSIP.header("Call-ID", in: message) == callID,
                      let status = RawSIP.status(message) else { continue }
                if status >= 200 { return status == 200 ? message : nil }
            }
            return nil
        }

        /// Sends `text` (if any) and returns the final status answering CSeq `cseq`; requests from
        /// the engine (its prompts' re-INVITEs, none expected) are skipped.
        func exchange(_ client: RawSIP, _ text: String?, callID: String, cseq: Int, within seconds: Double = 5) -> Int? {
            if let text { client.send(text) }
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                guard let message = client.receive(), RawSIP.header("Call-ID", in: message) == callID,
                      let status = RawSIP.status(message), status >= 200,
                      RawSIP.header("CSeq", in: message)?.hasPrefix("\(cseq) ") == true else { continue }
                return status
            }
            return nil
        }
    }
}
