import Foundation
import Logging
@testable import SIP
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension SIPpTests {
    /// Garbage never crashes the stack, a taken port is a clear error, shutdown ends calls.
    @Suite struct Robustness {
        static func invite(port: UInt16, body: String = "v=0\r\n", contentLength: String? = nil, extra: String = "") -> String {
            let length = contentLength ?? String(body.utf8.count)
            return "INVITE sip:5000@127.0.0.1:\(port) SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK-junk-\(UInt32.random(in: 0...UInt32.max))\r\n"
                + "From: <sip:666@127.0.0.1>;tag=junk\r\nTo: <sip:5000@127.0.0.1>\r\n"
                + "Call-ID: junk-\(UInt32.random(in: 0...UInt32.max))\r\nCSeq: 1 INVITE\r\n"
                + "Contact: <sip:666@127.0.0.1:9>\r\nMax-Forwards: 70\r\n\(extra)"
                + "Content-Type: application/sdp\r\nContent-Length: \(length)\r\n\r\n\(body)"
        }

        /// 200 datagrams: random bytes, INVITEs cut anywhere, broken headers, an oversized one.
        static func garbage(port: UInt16) -> [[UInt8]] {
            var rng = SystemRandomNumberGenerator()
            var out: [[UInt8]] = []
            for _ in 0..<60 {
                out.append((0..<Int.random(in: 1...1400, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) })
            }
            let whole = Array(invite(port: port).utf8)
            for _ in 0..<80 { out.append(Array(whole.prefix(Int.random(in: 1..<whole.count, using: &rng)))) }
            let broken = [
                invite(port: port, contentLength: "-1"),
                invite(port: port, contentLength: "99999"),
                invite(port: port, contentLength: "abc"),
                invite(port: port, extra: "CSeq: banana\r\n"),
                invite(port: port, extra: "Via: \r\n"),
                invite(port: port, extra: "From: <<<>>>\r\n"),
                invite(port: port).replacingOccurrences(of: "Call-ID", with: "Kall-ID"),
                invite(port: port).replacingOccurrences(of: "SIP/2.0\r\n", with: "SIP/7.3\r\n"),
                "INVITE\r\n\r\n", "SIP/2.0 200 OK\r\n\r\n", "\r\n\r\n", "", "OPTIONS sip: SIP/2.0\r\n\r\n",
                "SIP/2.0 180 Ringing\r\nVia: SIP/2.0/UDP 127.0.0.1:\(port);branch=z9hG4bKnothing\r\nCSeq: 1 INVITE\r\n\r\n",
                "BYE sip:x@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bKy\r\nCall-ID: nothing\r\nCSeq: 2 BYE\r\n\r\n",
                "CANCEL sip:x@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bKx\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\nCall-ID: none\r\nCSeq: 1 CANCEL\r\n\r\n",
                "REGISTER sip:127.0.0.1 SIP/2.0\r\nAuthorization: Digest username=\"1001\", nonce=\"\r\n\r\n",
                "INFO sip:x@127.0.0.1 SIP/2.0\r\nContent-Type: application/dtmf-relay\r\n\r\nSignal=5",
                invite(port: port, extra: "X-Big: \(String(repeating: "A", count: 60_000))\r\n"),
                invite(port: port, body: String(repeating: "a=x\r\n", count: 12_000)),
            ]
            out += broken.map { Array($0.utf8) }
            out.append(Array(invite(port: port).utf8) + [0, 0, 0xff, 0xfe])
            out.append([0xc3, 0x28] + Array(invite(port: port).utf8.dropFirst(3)))
            while out.count < 200 { out.append(Array("\r\n".utf8)) }
            return Array(out.prefix(200))
        }

        @Test func malformedMessagesDoNotStopANormalCall() async throws {
            let harness = try await CallHarness.start(mode: .manual)
            RawSocket.sendDatagrams(Self.garbage(port: harness.port), to: harness.port)
            var sockets: [Int32] = []
            let tcpGarbage: [[UInt8]] = [
                (0..<10_000).map { _ in UInt8.random(in: 0...255) },
                Array(Self.invite(port: harness.port).utf8.prefix(120)),
                Array(Self.invite(port: harness.port, extra: "X-Big: \(String(repeating: "B", count: 200_000))\r\n").utf8),
                Array(Self.invite(port: harness.port, contentLength: "100000").utf8),
                Array("\r\n\r\n\r\n".utf8),
            ]
            for bytes in tcpGarbage {
                if let fd = RawSocket.tcpSend(bytes, to: harness.port) { sockets.append(fd) }
            }
            // Still alive: a normal call over each transport, and OPTIONS.
            await harness.setMode(.answer)
            expectSuccess(try await SIPp.run("uac_call.xml", target: harness.target))
            expectSuccess(try await SIPp.run("uac_call.xml", target: harness.target, transport: "t1"))
            expectSuccess(try await SIPp.run("options.xml", target: harness.target))
            sockets.forEach { close($0) }
            await harness.stop()
        }

        @Test func boundPortIsAClearError() async throws {
            let harness = try await CallHarness.start()
            let second = SIPStack(settings: SIPSettings(listen: harness.target), logger: Logger(label: "second"))
            do {
                try await second.start()
                Issue.record("a second stack bound \(harness.target)")
            } catch let error as SIPError {
                guard case .bind(let message) = error else { throw error }
                #expect(message.contains("in use"), "\(message)")
            }
            await second.shutdown()
            // The first one is unaffected.
            expectSuccess(try await SIPp.run("options.xml", target: harness.target))
            await harness.stop()
        }

        @Test func malformedListenAddressIsABindError() async {
            let stack = SIPStack(settings: SIPSettings(listen: "nonsense"), logger: Logger(label: "bad"))
            await #expect(throws: SIPError.self) { try await stack.start() }
        }

        @Test func shutdownHangsUpEstablishedCalls() async throws {
            let harness = try await CallHarness.start()
            let sipp = try SIPp.start(scenario: "uac_wait_bye.xml", target: harness.target, calls: 3, rate: 10, limit: 3)
            #expect(await harness.waitUntilAnswered(3))
            await harness.stop()   // BYE to all three; SIPp expects exactly that
            expectSuccess((sipp, await sipp.wait()))
            #expect(await harness.stack.activeCalls == 0)
        }
    }
}

extension SIPpTests.Robustness {
    @Test func missingAckEndsTheCallAsHungUp() async throws {
        let harness = try await CallHarness.start { $0.transactionTimeoutMilliseconds = 2_000 }
        let run = try await SIPp.run("uac_no_ack.xml", target: harness.target)
        expectSuccess(run)
        let leg = try #require(await harness.incomingCalls.first?.leg)
        #expect(await harness.waitUntil { $0.contains { if case .hungUp(leg) = $0 { true } else { false } } })
        #expect(await harness.waitUntilIdle())
        await harness.stop()
    }
}
