import CallgateCore
import Testing

/// Empty logs, ranges that cut calls and shifts, states with no beginning, order of equal times.
@Suite("QueueReport: edges")
struct QueueReportEdgeTests {
    typealias S = ReportSample

    func report(_ entries: [QueueLogEntry], from: Double = S.from, to: Double = S.to) -> QueueReport {
        QueueReport(entries: entries, from: from, to: to, serviceLevelSeconds: S.thresholds)
    }

    @Test func noLinesGiveAnEmptyReport() {
        let empty = report([])
        #expect(empty.queues.isEmpty)
        #expect(empty.agents.isEmpty)
        #expect(empty.total == QueueReportFigures(queue: "*"))
        #expect(empty.total.serviceLevel == nil, "no calls is not a service level of 0 or 100 %")
    }

    @Test func onlyLinesOutsideTheRangeGiveAnEmptyReport() {
        let outside = report(S.entries, from: S.to + 86_400, to: S.to + 2 * 86_400)
        #expect(outside.queues.isEmpty)
        // ann, bob and dee logged out; cid and eve never did, so they are still logged in a day later.
        #expect(outside.agents.map(\.agent) == ["cid", "eve"])
        #expect(outside.agents.map(\.loggedInSeconds) == [86_400, 86_400])
    }

    @Test func theNextHourCountsWhatSpannedTheEnd() throws {
        let next = report(S.entries, from: S.to, to: S.to + 3600)
        let sales = try #require(next.queues.first)
        #expect(next.queues.map(\.queue) == ["sales"])
        #expect(sales.offered == 1, "s8 entered at 09:00 sharp: the range includes its start")
        #expect(sales.answered == 0, "s6 was answered in the hour before")
        #expect(sales.completed == 1)
        #expect(sales.averageTalkSeconds == 160, "s6's whole conversation")
        #expect(sales.serviceLevel == nil)
        let ann = try #require(next.agents.first { $0.agent == "ann" })
        #expect(ann == AgentFigures(
            agent: "ann", completed: 1, talkSeconds: 100, averageTalkSeconds: 160, loggedInSeconds: 100, occupancy: 1))
    }

    @Test func consecutiveRangesAddUp() {
        let whole = report(S.entries, from: S.from, to: S.from + 3600)
        let first = report(S.entries, from: S.from, to: S.from + 1800)
        let second = report(S.entries, from: S.from + 1800, to: S.from + 3600)
        #expect(first.total.offered + second.total.offered == whole.total.offered)
        #expect(first.total.answered + second.total.answered == whole.total.answered)
        #expect(first.total.completed + second.total.completed == whole.total.completed)
        for name in ["ann", "bob", "cid"] {
            let halves = [first, second].compactMap { $0.agents.first { $0.agent == name } }
            let all = whole.agents.first { $0.agent == name }
            #expect(halves.map(\.loggedInSeconds).reduce(0, +) == all?.loggedInSeconds, "\(name)")
            #expect(halves.map(\.talkSeconds).reduce(0, +) == all?.talkSeconds, "\(name)")
            #expect(halves.map(\.pausedSeconds).reduce(0, +) == all?.pausedSeconds, "\(name)")
        }
    }

    @Test func logoutWithoutALoginCountsFromTheStartOfTheRange() {
        let agents = report([S.line(900, .logout, agent: "x")]).agents
        #expect(agents == [AgentFigures(agent: "x", loggedInSeconds: 900, occupancy: 0)])
    }

    @Test func unpauseWithoutAPauseCountsFromTheStartOfTheRange() {
        let agents = report([S.line(-100, .login, agent: "x"), S.line(50, .unpause, agent: "x")]).agents
        #expect(agents.first?.pausedSeconds == 0, "the login says the agent was not paused")
        let unknown = report([S.line(50, .unpause, agent: "y")]).agents
        #expect(unknown.first?.pausedSeconds == 50)
        #expect(unknown.first?.loggedInSeconds == 3600)
    }

    @Test func logoutEndsAPauseAndASecondLoginChangesNothing() {
        let agents = report([
            S.line(100, .login, agent: "x"), S.line(200, .pause, agent: "x"), S.line(250, .login, agent: "x"),
            S.line(400, .logout, agent: "x"), S.line(500, .unpause, agent: "x"), S.line(600, .logout, agent: "x"),
        ]).agents
        // The unpause at 500 infers nothing: the logout at 400 already said the agent was not paused.
        #expect(agents == [AgentFigures(agent: "x", loggedInSeconds: 300, pausedSeconds: 200, occupancy: 0)])
    }

    @Test func equalTimesKeepTheirOrder() {
        let relogin = [S.line(-10, .login, agent: "x"), S.line(100, .logout, agent: "x"), S.line(100, .login, agent: "x")]
        #expect(report(relogin).agents.first?.loggedInSeconds == 3600)
        let leave = [S.line(-10, .login, agent: "x"), S.line(100, .login, agent: "x"), S.line(100, .logout, agent: "x")]
        #expect(report(leave).agents.first?.loggedInSeconds == 100)
    }

    @Test func orderOfTheEntriesDoesNotMatterBeyondEqualTimes() {
        // The sample's lines with equal times concern different agents and calls, so reversing is harmless.
        #expect(report(S.entries.reversed()) == S.report)
    }

    @Test func toBeforeFromIsAnEmptyRange() {
        let backwards = report(S.entries, from: S.to, to: S.from)
        #expect(backwards.from == S.to)
        #expect(backwards.to == S.to)
        #expect(backwards.queues.isEmpty)
        #expect(backwards.agents.isEmpty)
    }

    @Test func linesWithoutAQueueOrAgentCountOnlyWhereTheyCan() {
        let entries = [
            S.line(10, .enter, call: "no-queue"),
            S.line(20, .connect, call: "no-queue", wait: 3),
            S.line(30, .enter, queue: "q", call: "c"),
        ]
        let report = report(entries)
        #expect(report.queues.map(\.queue) == ["q"])
        #expect(report.total.offered == 1)
        #expect(report.total.answered == 0)
        #expect(report.agents.isEmpty)
    }

    @Test func conversationUnderWayAtFromWithoutItsConnectIsMeasuredByItsTalk() {
        let agents = report([S.line(90, .completeAgent, queue: "q", call: "c", agent: "x", talk: 150)]).agents
        #expect(agents == [AgentFigures(
            agent: "x", completed: 1, talkSeconds: 90, averageTalkSeconds: 150, loggedInSeconds: 3600, occupancy: 90.0 / 3600)])
    }
}
