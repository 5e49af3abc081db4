import Logging
@testable import Media
import Testing

@Suite struct PortTests {
    @Test func legsGetEvenPortsAndTheRangeRunsOut() async throws {
        // A range no other test uses (TestPorts starts above it): room for two pairs.
        let engine = try MediaEngine(address: "127.0.0.1", portRange: 30900...30903, logger: Logger(label: "test"))
        defer { engine.shutdown() }
        let first = try engine.openLeg()
        let second = try engine.openLeg()
        #expect([first.localPort, second.localPort] == [30900, 30902])
        #expect(throws: MediaError.portsExhausted(30900...30903)) { try engine.openLeg() }
        second.close()
        #expect(await eventually { (try? engine.openLeg()) != nil })
    }

    @Test func portsHeldByOthersAreSkipped() throws {
        let squatter = try UDPSocket.bind(SocketAddress(host: "127.0.0.1", port: 30910))
        defer { squatter.close() }
        let engine = try MediaEngine(address: "127.0.0.1", portRange: 30910...30913, logger: Logger(label: "test"))
        defer { engine.shutdown() }
        let leg = try engine.openLeg()  // kept alive: a released leg frees its ports
        #expect(leg.localPort == 30912)
        #expect(throws: MediaError.portsExhausted(30910...30913)) { try engine.openLeg() }
    }

    @Test func badConfigurationIsRefused() {
        #expect(throws: MediaError.invalidPortRange(30921...30922)) {
            try MediaEngine(portRange: 30921...30922, logger: Logger(label: "test"))  // 30922's partner is outside
        }
        #expect(throws: MediaError.invalidAddress("localhost")) {
            try MediaEngine(address: "localhost", portRange: 30930...30939, logger: Logger(label: "test"))
        }
    }

    @Test func shutdownClosesLegsAndRefusesNewOnes() async throws {
        let engine = try MediaEngine(address: "127.0.0.1", portRange: TestPorts.range(), logger: Logger(label: "test"))
        let leg = try engine.openLeg()
        let log = EventLog(leg)
        engine.shutdown()
        #expect(await eventually { log.isFinished })
        #expect(throws: MediaError.engineStopped) { try engine.openLeg() }
        leg.play(.beep, id: 1)  // harmless after shutdown
    }
}
