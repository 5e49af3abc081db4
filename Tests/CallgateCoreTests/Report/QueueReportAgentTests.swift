import CallgateCore
import Testing

/// The agent figures of `ReportSample`, each worked out by hand from its lines.
@Suite("QueueReport: agents")
struct QueueReportAgentTests {
    let report = ReportSample.report

    func agent(_ name: String) throws -> AgentFigures {
        try #require(report.agents.first { $0.agent == name })
    }

    @Test func agentsAreThoseWithLinesOrTimeInTheRange() {
        // dee logged in and out before 08:00.
        #expect(report.agents.map(\.agent) == ["ann", "bob", "cid", "eve"])
    }

    @Test func annLoggedInBeforeTheRangeAndStillTalkingAtItsEnd() throws {
        #expect(try agent("ann") == AgentFigures(
            agent: "ann",
            answered: 3,  // s1 p4 s6
            completed: 2,  // s1 p4; s6 ends at 09:01:40
            talkSeconds: 560,  // s1 300 + p4 200 + s6 from 08:59:00 to 09:00:00, 60
            averageTalkSeconds: 250,  // (300 + 200) / 2
            missedOffers: 0,
            loggedInSeconds: 3600,  // logged in at 07:30, out after 09:00
            pausedSeconds: 120,  // paused at 07:55, unpaused at 08:02
            occupancy: 560.0 / 3600
        ))
    }

    @Test func bobFinishesACallFromBeforeTheRangeAndPausesForLunch() throws {
        #expect(try agent("bob") == AgentFigures(
            agent: "bob",
            answered: 2,  // s2 p1; s0 was answered at 07:59
            completed: 3,  // s0 s2 p1
            talkSeconds: 660,  // s0 from 08:00 to 08:04, 240 + s2 120 + p1 300
            averageTalkSeconds: 240,  // (300 + 120 + 300) / 3: s0 counts whole
            missedOffers: 0,
            loggedInSeconds: 3000,  // logged out at 08:50
            pausedSeconds: 300,
            occupancy: 660.0 / 3000
        ))
    }

    @Test func cidHasNoLoginSoCountsFromTheStartOfTheRange() throws {
        #expect(try agent("cid") == AgentFigures(
            agent: "cid", answered: 1, completed: 1, talkSeconds: 600, averageTalkSeconds: 600,
            missedOffers: 2,  // s1 not answered, p4 busy
            loggedInSeconds: 3600, pausedSeconds: 0, occupancy: 600.0 / 3600
        ))
    }

    @Test func eveNeverLogsOutSoCountsUntilTheEnd() throws {
        #expect(try agent("eve") == AgentFigures(agent: "eve", loggedInSeconds: 600, occupancy: 0))
    }
}
