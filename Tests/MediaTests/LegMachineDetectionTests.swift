@testable import Media
import Testing

/// The leg runs the detector on what the far end sends, and counts the time it sends nothing as
/// silence; the verdict is an event.
@Suite struct LegMachineDetectionTests {
    static func loud(_ seconds: Double) -> [Int16] { MachineDetectorTests.audio(seconds, level: 3000) }

    @Test func aLongGreetingIsReportedAsAMachine() async throws {
        let fixture = try EngineFixture()
        defer { fixture.tearDown() }
        let leg = try fixture.leg()
        let log = EventLog(leg)
        leg.detectMachine(.init())
        // The command is applied before the packets that follow it are read (MediaLoop).
        fixture.peer.sendAudio(Self.loud(2.5), to: leg.localPort)
        #expect(await eventually { log.machine != nil })
        #expect(log.machine?.verdict == .machine)
        #expect(log.machine?.cause == .longGreeting)
    }

    @Test func aHelloFollowedByNoPacketsIsAPerson() async throws {
        let fixture = try EngineFixture()
        defer { fixture.tearDown() }
        let leg = try fixture.leg()
        let log = EventLog(leg)
        leg.detectMachine(.init())
        fixture.peer.sendAudio(Self.loud(0.4), to: leg.localPort)
        // The far end then sends nothing: the ticks count the silence.
        #expect(await eventually { log.machine != nil })
        #expect(log.machine?.verdict == .human)
        #expect(log.machine?.cause == .humanAfterGreeting)
        #expect(log.machine?.greeting == 400)
    }

    @Test func aWaitForSilenceReplacesADetection() async throws {
        let fixture = try EngineFixture()
        defer { fixture.tearDown() }
        let leg = try fixture.leg()
        let log = EventLog(leg)
        leg.detectMachine(.init())
        leg.waitForSilence(milliseconds: 300)
        #expect(await eventually { log.silence != nil })
        #expect(log.machine == nil)
        leg.stopAnalysis()
        leg.close()
        #expect(await eventually { log.isFinished })
        #expect(log.events.count == 1)
    }
}

extension EventLog {
    var machine: MachineDetector.Outcome? {
        events.lazy.compactMap { if case .machineDetected(let outcome) = $0 { outcome } else { nil } }.first
    }

    var silence: Int? {
        events.lazy.compactMap { if case .silenceHeard(let milliseconds) = $0 { milliseconds } else { nil } }.first
    }
}
