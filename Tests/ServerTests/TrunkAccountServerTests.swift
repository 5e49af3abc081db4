import Foundation
import Testing

extension ServerSuite {
    /// A trunk with an account, the whole engine: `callgate serve` reads the password from the
    /// environment, registers with a SIPp carrier (401, then verifyauth), keeps it refreshed,
    /// shows it in `GET /api/trunks`, and un-REGISTERs at SIGTERM.
    @Suite struct TrunkAccountServerTests {
        static let routes = "  - match: \"*\"\n    scenario: s.sh"

        static func trunk(port: Int, variable: String) -> String {
            "trunks:\n  - {name: carrier, address: 127.0.0.1:\(port), allow: [\"+1*\"], username: acct, password_env: \(variable), register: true, from_domain: carrier.test}"
        }

        /// A SIPp carrier (UAS) on `port`, bounded by its own -timeout and stopped by its PID.
        static func carrier(port: Int) throws -> Process {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sipp")
            process.arguments = ["-sf", SIPp.scenarios.appendingPathComponent("uas-carrier-register.xml").path,
                                 "-i", "127.0.0.1", "-p", "\(port)", "-m", "1", "-nostdin", "-timeout", "40s", "-timeout_error",
                                 "-mp", "\(try Ports.freeEvenRange(count: 4, in: Ports.peerMedia))"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }

        @Test func registersWithThePasswordFromTheEnvironmentAndUnregistersAtShutdown() async throws {
            let port = try Ports.free()
            let carrier = try Self.carrier(port: port)
            defer { if carrier.isRunning { kill(carrier.processIdentifier, SIGKILL) } }
            #expect(await eventually(within: 10) { !Ports.canBind(port, udp: true) }, "the SIPp carrier listens")
            let engine = try EngineUnderTest(scenarios: ["s.sh": TestScenarios.short], routes: Self.routes,
                                             extra: Self.trunk(port: port, variable: "CALLGATE_TEST_CARRIER_PASSWORD"),
                                             environment: ["CALLGATE_TEST_CARRIER_PASSWORD": "s3cret"])
            defer { engine.stop() }
            try await engine.waitUntilReady()
            // The carrier grants 4 s: Sofia refreshes within seconds, so two REGISTERs are accepted.
            var registration: [String: Any] = [:]
            let refreshed = await eventually(within: 15) {
                let trunks = try? await engine.api("GET", "/api/trunks")
                registration = ((trunks?.json as? [String: Any])?["registrations"] as? [[String: Any]])?.first ?? [:]
                return registration["state"] as? String == "registered" && (registration["accepted"] as? Int ?? 0) >= 2
            }
            #expect(refreshed, "\(registration)\n\(engine.log().suffix(2000))")
            #expect(registration["trunk"] as? String == "carrier")
            #expect(engine.stop() == 0)
            #expect(await eventually(within: 10) { !carrier.isRunning }, "the carrier saw the un-REGISTER and ended")
            #expect(carrier.terminationStatus == 0, "SIPp's carrier failed: a bad digest answer, no refresh or no un-REGISTER")
            #expect(engine.log().contains("registered with trunk carrier as sip:acct@carrier.test"))
            #expect(!engine.log().contains("s3cret"), "the password never reaches the log")
        }

        @Test func aMissingPasswordVariableStopsTheStartNamingTheKey() async throws {
            let engine = try EngineUnderTest(scenarios: ["s.sh": TestScenarios.short], routes: Self.routes,
                                             extra: Self.trunk(port: 5999, variable: "CALLGATE_TEST_UNSET_PASSWORD_VARIABLE"))
            defer { engine.stop() }
            await #expect(throws: (any Error).self) { try await engine.waitUntilReady(within: 20) }
            #expect(engine.log().contains("trunks[0].password_env: the environment variable CALLGATE_TEST_UNSET_PASSWORD_VARIABLE is not set"),
                    "\(engine.log().suffix(1000))")
        }
    }
}
