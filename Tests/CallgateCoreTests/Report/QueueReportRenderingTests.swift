@testable import CallgateCore
import Foundation
import Testing

/// The report as a table for people and as JSON for programs.
@Suite("QueueReport: text and JSON")
struct QueueReportRenderingTests {
    @Test func sampleAsText() {
        #expect(ReportSample.report.rendered == """
            Queue report, 2026-11-21 08:00:00 to 2026-11-21 09:00:00 UTC

            queue       offered  answered  abandoned  timed out  full  no agents  exit key
            sales             6         4          1          1     1          0         0
            support           5         2          1          0     0          1         1
            all queues       11         6          2          1     1          1         1

            queue       service level  threshold  avg answer wait  max answer wait  avg wait  avg talk
            sales         33.3% (2/6)        20s             0:48             2:05      1:29      5:30
            support       33.3% (1/3)        30s             0:40             0:55      0:31      4:10
            all queues    33.3% (3/9)          -             0:45             2:05      1:03      5:03

            agent  answered   talk  avg talk  missed  logged in  occupancy  paused
            ann           3   9:20      4:10       0    1:00:00      15.6%    2:00
            bob           2  11:00      4:00       0      50:00      22.0%    5:00
            cid           1  10:00     10:00       2    1:00:00      16.7%    0:00
            eve           0   0:00         -       0      10:00       0.0%    0:00

            """)
    }

    @Test func emptyReportAsText() {
        let empty = QueueReport(entries: [], from: 0, to: 86_400, serviceLevelSeconds: [:])
        #expect(empty.rendered == """
            Queue report, 1970-01-01 00:00:00 to 1970-01-02 00:00:00 UTC

            No queue calls in this range.

            No agent activity in this range.

            """)
    }

    @Test func oneQueueHasNoTotalRow() {
        let report = QueueReport(
            entries: [ReportSample.line(5, .enter, queue: "only", call: "c")], from: ReportSample.from,
            to: ReportSample.to, serviceLevelSeconds: [:])
        #expect(!report.rendered.contains("all queues"))
        #expect(report.rendered.contains("only               -        20s                -"))
    }

    @Test func jsonRoundTripsAndUsesSnakeCase() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(ReportSample.report)
        #expect(try JSONDecoder().decode(QueueReport.self, from: data) == ReportSample.report)

        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["from", "to", "queues", "total", "agents"])
        let total = try #require(object["total"] as? [String: Any])
        #expect(Set(total.keys) == [
            "queue", "offered", "answered", "abandoned", "timed_out", "full", "no_agents", "exit_key",
            "answered_within_service_level", "service_level", "average_answer_wait_seconds",
            "longest_answer_wait_seconds", "average_wait_seconds", "completed", "average_talk_seconds",
            "callbacks_requested", "callbacks_completed", "callbacks_failed",
        ], "service_level_seconds is absent: each queue has its own; callback waits too, with no callback")
        let agents = try #require(object["agents"] as? [[String: Any]])
        let eve = try #require(agents.last)
        #expect(Set(eve.keys) == [
            "agent", "answered", "completed", "talk_seconds", "missed_offers", "logged_in_seconds", "paused_seconds",
            "occupancy",
        ], "average_talk_seconds is absent: eve had no conversation")
    }
}

/// How the text shows times, durations and ratios.
@Suite("QueueReport: formats")
struct ReportFormatTests {
    @Test func durationsRoundToTheSecond() {
        #expect(ReportFormat.duration(nil) == "-")
        #expect(ReportFormat.duration(0) == "0:00")
        #expect(ReportFormat.duration(59.4) == "0:59")
        #expect(ReportFormat.duration(59.5) == "1:00")
        #expect(ReportFormat.duration(3599.4) == "59:59")
        #expect(ReportFormat.duration(3599.5) == "1:00:00")
        #expect(ReportFormat.duration(90_061) == "25:01:01")
    }

    @Test func percentsHaveOneDecimal() {
        #expect(ReportFormat.percent(nil) == "-")
        #expect(ReportFormat.percent(0) == "0.0%")
        #expect(ReportFormat.percent(1.0 / 3) == "33.3%")
        #expect(ReportFormat.percent(2.0 / 3) == "66.7%")
        #expect(ReportFormat.percent(1) == "100.0%")
        #expect(ReportFormat.percent(1.25) == "125.0%")
    }

    @Test func thresholds() {
        #expect(ReportFormat.seconds(20) == "20s")
        #expect(ReportFormat.seconds(7.5) == "7.5s")
        #expect(ReportFormat.seconds(nil) == "-")
    }

    @Test func utcDates() {
        #expect(ReportFormat.utc(0) == "1970-01-01 00:00:00")
        #expect(ReportFormat.utc(ReportSample.from) == "2026-11-21 08:00:00")
        #expect(ReportFormat.utc(951_782_400 + 3661.9) == "2000-02-29 01:01:01")
        #expect(ReportFormat.utc(-1) == "1969-12-31 23:59:59")
        #expect(ReportFormat.utc(4_107_542_399) == "2100-02-28 23:59:59")
    }
}
