import Foundation
import Testing

/// SIP over TLS with real peers: a baresip operator registered over TLS takes a queued SIPp caller (over UDP), and
/// the TLS port carries no cleartext SIP; an agent that must use TLS is refused over UDP; bad certificate files stop
/// the start with a message naming the file.
extension ServerSuite {
    @Suite(.serialized) struct TLSTests {
        static let tlsAgent = """
              - extension: "1001"
                name: Alice
                password_hash: "md5:9bf27cb60eaf5577521b9ee4a59bf9f2"
                queues: [support]
                transport: tls
            """

        func engine(tlsPort: Int, certificate: TLSCertificate) async throws -> EngineUnderTest {
            let tls = "  tls:\n    listen: 127.0.0.1:\(tlsPort)\n    certificate: \(certificate.certificate)\n    key: \(certificate.key)\n"
            let engine = try EngineUnderTest(scenarios: ["q.sh": TestScenarios.queueWithRating], routes: "  - match: \"*\"\n    scenario: q.sh",
                                             rtpTimeout: 30, agents: Self.tlsAgent, sip: tls,
                                             extra: "queues:\n  - name: support\n    wrap_up_seconds: 1\n    announce_position: false\n    announce_wait: false")
            try await engine.waitUntilReady()
            return engine
        }

        @Test func anOperatorOnTLSTakesAQueuedCallerAndTheTLSPortCarriesNoCleartextSIP() async throws {
            let certificate = try TLSCertificate()
            defer { certificate.remove() }
            let tlsPort = try Ports.free()
            let engine = try await engine(tlsPort: tlsPort, certificate: certificate)
            defer { engine.stop() }
            // Two captures: the TLS port (must show no SIP text) and, as the control that the check can see SIP at
            // all, the UDP port the SIPp caller uses.
            let tlsCapture = try LoopbackCapture(port: tlsPort, in: certificate.folder)
            let udpCapture = try LoopbackCapture(port: engine.sipPort, in: certificate.folder)
            #expect(await tlsCapture.waitUntilListening(), "tcpdump runs")
            #expect(await udpCapture.waitUntilListening(), "tcpdump runs")

            let agent = try Baresip(engine: engine, user: "1001", password: "demo1001",
                                    transport: .tls(enginePort: tlsPort, certificate: certificate.both, cafile: certificate.certificate))
            defer { agent.stop() }
            try await agent.waitUntilRegistered(engine: engine)
            try await agent.waitUntilControllable()
            #expect(engine.log().contains("transport=tls"), "the binding is a TLS contact\n\(engine.log())")

            let caller = try RTPPeer()
            let call = try await SIPp.start("uac-ivr.xml", engine: engine, set: ["caller": "5551234", "rtp_port": "\(caller.port)"])
            #expect(await eventually(within: 15) { caller.knowsEngine }, "\(engine.log())")
            let heard = await Conversation.bothHear(caller: caller, agent: agent)
            #expect(heard.callerHearsAgent, "the operator's voice reaches the caller\n\(agent.log())\n\(engine.log())")
            #expect(heard.agentHearsCaller, "the caller's voice reaches the operator")
            let before = caller.received
            _ = try agent.hangup()
            #expect(await eventually(within: 15) { caller.received >= before + 25 }, "the rating prompt plays\n\(agent.log())\n\(engine.log())")
            caller.sendDigit("4")
            let run = try await call.value
            #expect(run.allCallsSucceeded, "\(run.output)\n\(engine.log())")
            try agent.quit()

            let overTLS = tlsCapture.stop()
            let overUDP = udpCapture.stop()
            #expect(overUDP.containsText("SIP/2.0"), "the control capture sees the caller's SIP in clear")
            #expect(overTLS.count > 8000, "REGISTER, INVITE, BYE and their answers crossed the TLS port (\(overTLS.count) bytes captured)")
            #expect(overTLS.containsBytes([0x17, 0x03, 0x03]), "TLS application-data records")
            for text in ["SIP/2.0", "REGISTER", "INVITE", "Digest", "1001@"] {
                #expect(!overTLS.containsText(text), "no cleartext \"\(text)\" on the TLS port")
            }
        }

        @Test func anAgentThatMustUseTLSIsRefusedOverUDP() async throws {
            let certificate = try TLSCertificate()
            defer { certificate.remove() }
            let engine = try await engine(tlsPort: try Ports.free(), certificate: certificate)
            defer { engine.stop() }
            // The right password over UDP: challenged, then 403 (register-denied.xml expects exactly that).
            let refused = try await SIPp.run("register-denied.xml", engine: engine, set: ["user": "1001"], extra: ["-au", "1001", "-ap", "demo1001"])
            #expect(refused.allCallsSucceeded, "\(refused.output)\n\(engine.log())")
            #expect(engine.log().contains("403 TLS Required for REGISTER of 1001"), "\(engine.log())")
            #expect(try await engine.health()["registered_agents"] as? Int == 0)
            // baresip over UDP is refused the same way and never registers.
            let agent = try Baresip(engine: engine, user: "1001", password: "demo1001")
            defer { agent.stop() }
            await #expect(throws: BaresipError.self) { try await agent.waitUntilRegistered(engine: engine, within: 5) }
            #expect(agent.log().contains("403 TLS Required"), "\(agent.log())")
        }

        /// `min_version: "1.3"`: `openssl s_client` offering only TLS 1.2 gets no SIP answer, with 1.3 an OPTIONS is
        /// answered; and the certificate `openssl` is shown is ours.
        @Test func theMinimumTLSVersionIsEnforced() async throws {
            let certificate = try TLSCertificate()
            defer { certificate.remove() }
            let tlsPort = try Ports.free()
            let tls = "  tls:\n    listen: 127.0.0.1:\(tlsPort)\n    certificate: \(certificate.certificate)\n    key: \(certificate.key)\n    min_version: \"1.3\"\n"
            let engine = try EngineUnderTest(scenarios: ["q.sh": TestScenarios.queueWithRating], routes: "  - match: \"*\"\n    scenario: q.sh", sip: tls)
            defer { engine.stop() }
            try await engine.waitUntilReady()
            let options = "OPTIONS sip:127.0.0.1:\(tlsPort) SIP/2.0\r\nVia: SIP/2.0/TLS 127.0.0.1:5999;branch=z9hG4bK-\(UUID().uuidString)\r\n"
                + "From: <sip:probe@127.0.0.1>;tag=1\r\nTo: <sip:127.0.0.1>\r\nCall-ID: \(UUID().uuidString)\r\nCSeq: 1 OPTIONS\r\n"
                + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n"
            let request = certificate.folder.appendingPathComponent("options.txt")
            try options.write(to: request, atomically: true, encoding: .utf8)
            func exchange(_ version: String) throws -> String {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/bin/sh")
                // No `timeout`: Foundation's children inherit a blocked SIGALRM/SIGTERM (platform trap 9). s_client
                // ends by itself when its input does, 2 s after the request, or at once when the handshake fails.
                process.arguments = ["-c", "(cat '\(request.path)'; sleep 2) | openssl s_client -connect 127.0.0.1:\(tlsPort) -\(version) 2>&1"]
                let out = Pipe()
                process.standardOutput = out
                try process.run()
                let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                return text
            }
            let old = try exchange("tls1_2")
            #expect(!old.contains("SIP/2.0 200 OK"), "TLS 1.2 is refused\n\(old)")
            #expect(old.contains("alert protocol version"), "\(old)")
            let new = try exchange("tls1_3")
            #expect(new.contains("SIP/2.0 200 OK"), "\(new)\n\(engine.log())")
            #expect(new.contains("Protocol  : TLSv1.3") || new.contains("TLSv1.3"), "\(new)")
            #expect(new.contains("CN = 127.0.0.1"), "our certificate\n\(new)")
        }

        /// The transport a request came over is its top Via's only because Sofia drops a request whose top Via names
        /// another transport: a UDP REGISTER claiming `SIP/2.0/TLS` must get nothing, the same one saying UDP a 401.
        @Test func aUDPRequestCannotClaimToBeTLS() async throws {
            let certificate = try TLSCertificate()
            defer { certificate.remove() }
            let engine = try await engine(tlsPort: try Ports.free(), certificate: certificate)
            defer { engine.stop() }
            let raw = try RawSIP(enginePort: engine.sipPort)
            let claimsTLS = raw.request("REGISTER", user: "1001", from: "1001",
                                        override: ["Via": "SIP/2.0/TLS 127.0.0.1:\(raw.localPort);branch=z9hG4bK-spoof\(UInt32.random(in: 0...UInt32.max))"])
            #expect(raw.exchange(claimsTLS, within: 3) == nil, "no answer to a UDP request whose Via says TLS")
            let honest = raw.request("REGISTER", user: "1001", from: "1001")
            #expect(raw.exchange(honest, within: 5)?.status == 401)
        }

        @Test(arguments: ["missing", "garbage", "mismatch"])
        func badCertificateFilesStopTheStartNamingTheFile(problem: String) throws {
            let certificate = try TLSCertificate()
            defer { certificate.remove() }
            let garbage = certificate.folder.appendingPathComponent("garbage.pem").path
            try "this is not PEM\n".write(toFile: garbage, atomically: true, encoding: .utf8)
            let (cert, key, keyPath, expected): (String, String, String, String) = switch problem {
            case "missing": ("missing.pem", certificate.key, "sip.tls.certificate", "missing.pem does not exist")
            case "garbage": (garbage, certificate.key, "sip.tls.certificate", "garbage.pem holds no PEM certificate")
            default: (certificate.certificate, certificate.otherKey, "sip.tls.key", "other-key.pem does not match the certificate in")
            }
            let file = certificate.folder.appendingPathComponent("callgate.yaml").path
            try """
                sip:
                  listen: 127.0.0.1:\(try Ports.free())
                  tls: {listen: "127.0.0.1:\(try Ports.free())", certificate: "\(cert)", key: "\(key)"}
                data_dir: var
                routes:
                  - {match: "*", scenario: /bin/true}
                """.write(toFile: file, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = EngineUnderTest.binary
            process.arguments = ["serve", "--config", file]
            let err = Pipe()
            process.standardError = err
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 78, "\(text)")
            #expect(text.contains("callgate.yaml: \(keyPath): "), "\(text)")
            #expect(text.contains(expected), "\(text)")
            #expect(!FileManager.default.fileExists(atPath: certificate.folder.appendingPathComponent("var/tls/agent.pem").path),
                    "nothing was assembled")
        }
    }
}
