@testable import Media
import Testing

@Suite struct RTPTimeoutTests {
    @Test func aSilentRemoteTimesOut() async throws {
        let fixture = try EngineFixture(rtpTimeout: .milliseconds(300))
        defer { fixture.tearDown() }
        let leg = try fixture.leg()
        let log = EventLog(leg)
        #expect(await eventually { log.contains(.rtpTimeout) })
        #expect(log.events == [.rtpTimeout])
    }

    @Test func aLegWithoutARemoteDoesNotTimeOut() async throws {
        let fixture = try EngineFixture(rtpTimeout: .milliseconds(100))
        defer { fixture.tearDown() }
        let idle = try fixture.engine.openLeg()
        let watched = try fixture.leg()
        let idleLog = EventLog(idle)
        let watchedLog = EventLog(watched)
        // Both legs are ticked together; when the watched one has timed out, the idle one would have too.
        #expect(await eventually { watchedLog.contains(.rtpTimeout) })
        idle.play(.silence(seconds: 0.02), id: 1)
        #expect(await eventually { idleLog.contains(.playbackFinished(1)) })
        #expect(idleLog.events == [.playbackFinished(1)])
    }
}
