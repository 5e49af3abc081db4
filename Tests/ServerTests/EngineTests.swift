import Foundation
import Testing

/// The engine as a whole: robustness, registration, shutdown, configuration errors.
extension ServerSuite {
    @Suite(.serialized) struct EngineBehaviourTests {
        func engine(_ script: String = TestScenarios.short) async throws -> EngineUnderTest {
            let engine = try EngineUnderTest(scenarios: ["s.sh": script], routes: "  - match: \"*\"\n    scenario: s.sh")
            try await engine.waitUntilReady()
            return engine
        }

        @Test func burstOfMalformedSIPThenACallStillWorks() async throws {
            let engine = try await engine()
            let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
            defer { close(fd) }
            var to = sockaddr_in()
            to.sin_family = sa_family_t(AF_INET)
            to.sin_addr.s_addr = inet_addr("127.0.0.1")
            to.sin_port = UInt16(engine.sipPort).bigEndian
            let garbage: [[UInt8]] = [
                Array("INVITE sip:100@127.0.0.1 SIP/2.0\r\n\r\n".utf8),
                Array("NOTSIP garbage\r\n".utf8),
                Array("INVITE sip:100@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:1;branch=z9hG4bK1\r\nContent-Length: 99999\r\n\r\nv=0".utf8),
                Array(repeating: 0xFF, count: 1400),
                Array("REGISTER sip:x SIP/2.0\r\nFrom: <<<<\r\nTo: >\r\nCall-ID:\r\nCSeq: x\r\n\r\n".utf8),
            ]
            for i in 0..<200 {
                var packet = garbage[i % garbage.count]
                if i % 7 == 0 { packet = (0..<Int.random(in: 1...1200)).map { _ in UInt8.random(in: 0...255) } }
                _ = withUnsafePointer(to: &to) { pointer in
                    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sendto(fd, packet, packet.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
                }
            }
            let peer = try RTPPeer()
            let run = try await SIPp.run("uac-ivr.xml", engine: engine, set: ["caller": "5551234", "rtp_port": "\(peer.port)"])
            #expect(run.allCallsSucceeded, "\(run.output)")
            #expect(engine.isRunning)
        }

        @Test func registerWithAWrongPasswordIsRefusedAndTheRightOneAccepted() async throws {
            let engine = try await engine()
            let denied = try await SIPp.run("register-denied.xml", engine: engine, set: ["user": "1001"], extra: ["-au", "1001", "-ap", "wrong"])
            #expect(denied.allCallsSucceeded, "a wrong password gets 403\n\(denied.output)")
            #expect(try await engine.health()["registered_agents"] as? Int == 0)
            let accepted = try await SIPp.run("register-ok.xml", engine: engine, set: ["user": "1001"], extra: ["-au", "1001", "-ap", "demo1001"])
            #expect(accepted.allCallsSucceeded, "the right password gets 200\n\(accepted.output)")
            #expect(try await engine.health()["registered_agents"] as? Int == 1)
        }

        @Test func sigtermEndsTheCallsUpWithByeAndKeepsTheirRecords() async throws {
            let engine = try await engine(TestScenarios.hold)
            let peer = try RTPPeer()
            let caller = try await SIPp.start("uac-ivr.xml", engine: engine, set: ["caller": "5551234", "rtp_port": "\(peer.port)"])
            // The call is answered once its prompt's audio arrives.
            #expect(await eventually(within: 15) { peer.received > 10 })
            #expect(try await engine.health()["active_calls"] as? Int == 1)
            let status = engine.stop()
            #expect(status == 0, "a clean exit\n\(engine.log())")
            let run = try await caller.value
            #expect(run.allCallsSucceeded, "the caller got a BYE\n\(run.output)")
            let id = try #require(try engine.calls().first?["id"] as? String)
            #expect(try engine.call(id)["call"].flatMap { ($0 as? [String: Any])?["disposition"] as? String } == "shutdown")
        }

        @Test func badConfigurationStopsStartupNamingTheKey() throws {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("callgate-badconfig-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("bad.yaml").path
            try "rtp:\n  port_min: 7\nroutes:\n  - match: \"*\"\n    scenario: nowhere.sh\n".write(toFile: file, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = EngineUnderTest.binary
            process.arguments = ["serve", "--config", file]
            let err = Pipe()
            process.standardError = err
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 78)
            #expect(text.contains("bad.yaml: rtp.port_min:"), "\(text)")
        }
    }
}
