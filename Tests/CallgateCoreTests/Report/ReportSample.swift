import CallgateCore

/// An hour of a small call center, with every figure worked out by hand in the tests.
///
/// The range is 08:00 to 09:00 UTC on 2026-11-21 (`t(0) ..< t(3600)`). Queues `sales` (service level
/// 20 s) and `support` (30 s); agents ann, bob and cid, plus dee (gone before the range) and eve
/// (logs in late and never logs out). Lines before and after the range are there on purpose.
enum ReportSample {
    static let from = 1_795_248_000.0  // 2026-11-21T08:00:00Z
    static let to = from + 3600
    static let thresholds = ["sales": 20.0, "support": 30.0]

    static func t(_ offset: Double) -> Double { from + offset }

    static func line(
        _ offset: Double, _ event: QueueLogEvent, queue: String? = nil, call: String? = nil, agent: String? = nil,
        wait: Double? = nil, talk: Double? = nil, reason: String? = nil
    ) -> QueueLogEntry {
        QueueLogEntry(time: t(offset), queue: queue, callID: call, agent: agent, event: event, waitSeconds: wait,
                      talkSeconds: talk, reason: reason)
    }

    static let entries: [QueueLogEntry] = [
        // Before the range: logins, a pause, dee's whole shift, and s0 answered by bob at 07:59.
        line(-3000, .login, agent: "dee"),
        line(-2000, .logout, agent: "dee"),
        line(-1800, .login, agent: "ann"),
        line(-600, .login, agent: "bob"),
        line(-300, .pause, agent: "ann", reason: "briefing"),
        line(-70, .enter, queue: "sales", call: "s0"),
        line(-65, .offer, queue: "sales", call: "s0", agent: "bob"),
        line(-60, .connect, queue: "sales", call: "s0", agent: "bob", wait: 10),

        line(100, .enter, queue: "sales", call: "s1"),
        line(120, .unpause, agent: "ann"),
        line(200, .offer, queue: "sales", call: "s1", agent: "cid"),  // cid has no login: logged in from 08:00
        line(215, .ringNoAnswer, queue: "sales", call: "s1", agent: "cid", reason: "no_answer"),
        line(220, .offer, queue: "sales", call: "s1", agent: "ann"),
        line(225, .connect, queue: "sales", call: "s1", agent: "ann", wait: 125),
        line(240, .completeCaller, queue: "sales", call: "s0", agent: "bob", talk: 300),
        line(300, .enter, queue: "sales", call: "s2"),
        line(305, .offer, queue: "sales", call: "s2", agent: "bob"),
        line(310, .connect, queue: "sales", call: "s2", agent: "bob", wait: 10),
        line(400, .enter, queue: "support", call: "p1"),
        line(430, .completeCaller, queue: "sales", call: "s2", agent: "bob", talk: 120),
        line(450, .offer, queue: "support", call: "p1", agent: "bob"),
        line(455, .connect, queue: "support", call: "p1", agent: "bob", wait: 55),
        line(525, .completeAgent, queue: "sales", call: "s1", agent: "ann", talk: 300),
        line(600, .enter, queue: "sales", call: "s3"),
        line(645, .abandon, queue: "sales", call: "s3", wait: 45),
        line(700, .enter, queue: "sales", call: "s4"),
        line(712, .offer, queue: "sales", call: "s4", agent: "cid"),
        line(715, .connect, queue: "sales", call: "s4", agent: "cid", wait: 15),
        line(755, .completeAgent, queue: "support", call: "p1", agent: "bob", talk: 300),
        line(800, .enter, queue: "support", call: "p2"),
        line(805, .abandon, queue: "support", call: "p2", wait: 5),
        line(900, .enter, queue: "support", call: "p3"),
        line(960, .exitKey, queue: "support", call: "p3", wait: 60, reason: "0"),
        line(1000, .enter, queue: "sales", call: "s5"),
        line(1300, .timeout, queue: "sales", call: "s5", wait: 300),
        line(1315, .completeCaller, queue: "sales", call: "s4", agent: "cid", talk: 600),
        line(1500, .enter, queue: "support", call: "p4"),
        line(1505, .offer, queue: "support", call: "p4", agent: "cid"),
        line(1518, .ringNoAnswer, queue: "support", call: "p4", agent: "cid", reason: "busy"),
        line(1520, .offer, queue: "support", call: "p4", agent: "ann"),
        line(1525, .connect, queue: "support", call: "p4", agent: "ann", wait: 25),
        line(1725, .completeCaller, queue: "support", call: "p4", agent: "ann", talk: 200),
        line(2000, .full, queue: "sales", call: "s7"),
        line(2000, .pause, agent: "bob", reason: "lunch"),
        line(2300, .unpause, agent: "bob"),
        line(2500, .enter, queue: "support", call: "p5"),
        line(2510, .noAgents, queue: "support", call: "p5", wait: 10),
        line(3000, .logout, agent: "bob"),
        line(3000, .login, agent: "eve"),
        line(3500, .enter, queue: "sales", call: "s6"),
        line(3530, .offer, queue: "sales", call: "s6", agent: "ann"),
        line(3540, .connect, queue: "sales", call: "s6", agent: "ann", wait: 40),

        // After the range: ignored, so that the report on a past hour never changes.
        line(3600, .enter, queue: "sales", call: "s8"),
        line(3700, .completeAgent, queue: "sales", call: "s6", agent: "ann", talk: 160),
        line(3700, .logout, agent: "ann"),
    ]

    static var report: QueueReport {
        QueueReport(entries: entries, from: from, to: to, serviceLevelSeconds: thresholds)
    }
}
