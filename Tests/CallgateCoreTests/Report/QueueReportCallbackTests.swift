@testable import CallgateCore
import Testing

/// Callbacks in the report: counted apart, so the answered and abandoned figures stay right.
@Suite("QueueReport: callbacks")
struct QueueReportCallbackTests {
    typealias S = ReportSample

    @Test func callbacksAreCountedApartWithTheirWaitsFromTheRequest() throws {
        let entries = [
            S.line(10, .enter, queue: "support", call: "c1"),
            S.line(40, .callbackRequested, queue: "support", call: "c1", wait: 30),
            S.line(100, .offer, queue: "support", call: "c1", agent: "ann"),
            S.line(105, .callbackAttempt, queue: "support", call: "c1", agent: "ann", reason: "1"),
            S.line(112, .callbackCompleted, queue: "support", call: "c1", agent: "ann", wait: 72),
            S.line(172, .completeAgent, queue: "support", call: "c1", agent: "ann", wait: 102, talk: 60),
            S.line(20, .enter, queue: "support", call: "c2"),
            S.line(50, .callbackRequested, queue: "support", call: "c2", wait: 30),
            S.line(200, .callbackRetry, queue: "support", call: "c2", agent: "ann", wait: 150, reason: "busy"),
            S.line(300, .callbackFailed, queue: "support", call: "c2", wait: 250, reason: "no_answer"),
        ]
        let report = QueueReport(entries: entries, from: S.from, to: S.to, serviceLevelSeconds: [:])
        let support = try #require(report.queues.first)
        #expect(support.callbacksRequested == 2 && support.callbacksCompleted == 1 && support.callbacksFailed == 1)
        #expect(support.averageCallbackWaitSeconds == 72 && support.longestCallbackWaitSeconds == 72)
        #expect(support.offered == 2 && support.answered == 0 && support.abandoned == 0, "a callback is neither answered live nor abandoned")
        #expect(support.completed == 1 && support.averageTalkSeconds == 60)
        let ann = try #require(report.agents.first { $0.agent == "ann" })
        #expect(ann.answered == 1 && ann.talkSeconds == 60, "the agent took the callback")
        #expect(report.rendered.contains("callbacks  completed  failed"))
    }

    @Test func aRangeWithoutCallbacksShowsNoCallbackTable() {
        #expect(!S.report.rendered.contains("callback"))
    }
}
