import CallgateCore
import Testing

/// The queue figures of `ReportSample`, each worked out by hand from its lines.
@Suite("QueueReport: queues")
struct QueueReportQueueTests {
    let report = ReportSample.report

    @Test func queuesAreThoseWithLinesInTheRangeByName() {
        #expect(report.queues.map(\.queue) == ["sales", "support"])
        #expect(report.from == ReportSample.from)
        #expect(report.to == ReportSample.to)
    }

    @Test func sales() throws {
        let sales = try #require(report.queues.first { $0.queue == "sales" })
        // s0 entered and was answered before 08:00: only its end (08:04) is in this hour.
        // s6 is answered at 08:59 and ends after 09:00; s8 enters at 09:00, in the next hour.
        #expect(sales == QueueReportFigures(
            queue: "sales",
            offered: 6,  // s1 s2 s3 s4 s5 s6; s7 never entered (full)
            answered: 4,  // s1 (waited 125) s2 (10) s4 (15) s6 (40)
            abandoned: 1,  // s3 (45)
            timedOut: 1,  // s5 (300)
            full: 1, noAgents: 0, exitKey: 0,
            serviceLevelSeconds: 20,
            answeredWithinServiceLevel: 2,  // s2 s4
            serviceLevel: 2.0 / 6,  // 2 / (4 answered + 1 abandoned + 1 timed out)
            averageAnswerWaitSeconds: 190.0 / 4,  // (125 + 10 + 15 + 40) / 4
            longestAnswerWaitSeconds: 125,
            averageWaitSeconds: 535.0 / 6,  // the four answered, s3 and s5: 190 + 45 + 300
            completed: 4,  // s0 s1 s2 s4 end in the hour; s6 does not
            averageTalkSeconds: 1320.0 / 4  // (300 + 300 + 120 + 600) / 4
        ))
    }

    @Test func support() throws {
        let support = try #require(report.queues.first { $0.queue == "support" })
        #expect(support == QueueReportFigures(
            queue: "support",
            offered: 5,  // p1 … p5
            answered: 2,  // p1 (55) p4 (25)
            abandoned: 1,  // p2, after 5 s: short abandons count against the service level too
            timedOut: 0, full: 0,
            noAgents: 1,  // p5 (10)
            exitKey: 1,  // p3 (60)
            serviceLevelSeconds: 30,
            answeredWithinServiceLevel: 1,  // p4
            serviceLevel: 1.0 / 3,  // 1 / (2 + 1 + 0); p3 and p5 are not in the denominator
            averageAnswerWaitSeconds: 40,  // (55 + 25) / 2
            longestAnswerWaitSeconds: 55,
            averageWaitSeconds: 31,  // (55 + 25 + 5 + 60 + 10) / 5
            completed: 2,
            averageTalkSeconds: 250  // (300 + 200) / 2
        ))
    }

    @Test func totalMeasuresEachCallAgainstItsOwnQueue() {
        #expect(report.total == QueueReportFigures(
            queue: "*", offered: 11, answered: 6, abandoned: 2, timedOut: 1, full: 1, noAgents: 1, exitKey: 1,
            serviceLevelSeconds: nil,
            answeredWithinServiceLevel: 3,  // s2 s4 within 20 s, p4 within 30 s
            serviceLevel: 3.0 / 9,
            averageAnswerWaitSeconds: 270.0 / 6,
            longestAnswerWaitSeconds: 125,
            averageWaitSeconds: 690.0 / 11,
            completed: 6,
            averageTalkSeconds: 1820.0 / 6
        ))
    }

    @Test func waitEqualToTheThresholdIsWithin() {
        let entries = [
            ReportSample.line(10, .connect, queue: "q", call: "a", agent: "x", wait: 20),
            ReportSample.line(11, .connect, queue: "q", call: "b", agent: "y", wait: 20.001),
        ]
        let report = QueueReport(entries: entries, from: ReportSample.from, to: ReportSample.to, serviceLevelSeconds: [:])
        #expect(report.queues.first?.serviceLevelSeconds == 20)
        #expect(report.queues.first?.answeredWithinServiceLevel == 1)
        #expect(report.queues.first?.serviceLevel == 0.5)
    }

    @Test func queuesWithoutAThresholdGetTheDefault() {
        let report = QueueReport(
            entries: ReportSample.entries, from: ReportSample.from, to: ReportSample.to, serviceLevelSeconds: ["support": 60],
            defaultServiceLevel: 10)
        #expect(report.queues.map(\.serviceLevelSeconds) == [10, 60])
        #expect(report.queues.map(\.answeredWithinServiceLevel) == [1, 2])  // s2; p1 and p4
    }

    @Test func missingWaitIsMeasuredFromTheEnterLine() {
        let entries = [
            ReportSample.line(-30, .enter, queue: "q", call: "a"),
            ReportSample.line(12, .connect, queue: "q", call: "a", agent: "x"),
            ReportSample.line(20, .enter, queue: "q", call: "b"),
            ReportSample.line(27, .abandon, queue: "q", call: "b"),
            ReportSample.line(30, .abandon, queue: "q", call: "never-entered"),
            ReportSample.line(100, .completeAgent, queue: "q", call: "a", agent: "x"),
        ]
        let report = QueueReport(entries: entries, from: ReportSample.from, to: ReportSample.to, serviceLevelSeconds: [:])
        let q = report.queues[0]
        #expect(q.offered == 1)
        #expect(q.answered == 1)
        #expect(q.abandoned == 2)
        #expect(q.averageAnswerWaitSeconds == 42)
        #expect(q.averageWaitSeconds == 24.5, "the caller with no enter line has no known wait")
        #expect(q.answeredWithinServiceLevel == 0)
        #expect(q.averageTalkSeconds == 88, "no talk_seconds: measured from the connect line")
    }
}
