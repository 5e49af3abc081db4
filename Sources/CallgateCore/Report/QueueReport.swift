/// A call center's figures over a time range, computed from the queue log alone: per queue (calls
/// offered, answered and lost, waits, service level) and per agent (calls, talk, logged-in time).
///
/// The range is half-open, `from ..< to` (seconds since 1970), so consecutive reports never count
/// a line twice. Two kinds of figures, both written out in docs/reports.md:
/// - counts and per-call durations belong to the range that holds the line saying so: a call that
///   entered before `to` and was answered after it is offered in this report and answered in the next;
///   its wait comes from its `connect` line, its talk time from its `complete_*` line;
/// - an agent's logged-in, paused and talking time is an interval clipped to the range.
///
/// `entries` may begin before `from`: those lines only set the state the range starts in (an agent
/// logged in or paused, a conversation under way, when a caller entered). Lines at or after `to` are
/// ignored, so a report on a past range never changes. An agent whose first line is not a `login` or
/// a `logout` is taken to have been logged in since before the entries begin.
public struct QueueReport: Sendable, Hashable, Codable {
    /// The start of the range, included.
    public var from: Double
    /// The end of the range, excluded.
    public var to: Double
    /// One per queue named by a line in the range, by name.
    public var queues: [QueueReportFigures]
    /// Every queue together, each call measured against its own queue's service level.
    public var total: QueueReportFigures
    /// One per agent with a line in the range or time logged in during it, by name.
    public var agents: [AgentFigures]

    /// Computes the report.
    /// - Parameters:
    ///   - entries: the queue log; in any order (equal times keep their order), and best starting
    ///     well before `from` so that logins and conversations under way at `from` are known.
    ///   - serviceLevelSeconds: each queue's service-level threshold; other queues get `defaultServiceLevel`.
    ///   - to: a `to` before `from` is taken as `from`: an empty range.
    public init(
        entries: [QueueLogEntry], from: Double, to: Double, serviceLevelSeconds: [String: Double],
        defaultServiceLevel: Double = 20
    ) {
        let range = ReportRange(from: from, to: max(from, to))
        var callTimes = CallTimes()
        var queueTallies: [String: QueueTally] = [:]
        var totalTally = QueueTally()
        var agentTallies: [String: AgentTally] = [:]

        for entry in Self.ordered(entries) where entry.time < range.to {
            let wait = callTimes.wait(of: entry)
            let talk = callTimes.talk(of: entry)
            callTimes.record(entry)
            if let agent = entry.agent {
                agentTallies[agent, default: AgentTally(range: range)].apply(entry, talk: talk)
            }
            guard range.contains(entry.time), let queue = entry.queue else { continue }
            let threshold = serviceLevelSeconds[queue] ?? defaultServiceLevel
            queueTallies[queue, default: QueueTally()].count(entry, wait: wait, talk: talk, serviceLevel: threshold)
            totalTally.count(entry, wait: wait, talk: talk, serviceLevel: threshold)
        }

        self.from = range.from
        self.to = range.to
        queues = queueTallies.sorted { $0.key < $1.key }.map { queue, tally in
            tally.figures(queue: queue, serviceLevelSeconds: serviceLevelSeconds[queue] ?? defaultServiceLevel)
        }
        total = totalTally.figures(queue: QueueReportFigures.totalName, serviceLevelSeconds: nil)
        agents = agentTallies.sorted { $0.key < $1.key }.compactMap { agent, tally in
            var tally = tally
            tally.finish()
            return tally.isInReport ? tally.figures(agent: agent) : nil
        }
    }

    /// By time; lines with equal times keep the order they were given in (the order they were logged).
    static func ordered(_ entries: [QueueLogEntry]) -> [QueueLogEntry] {
        entries.enumerated()
            .sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
            .map(\.element)
    }
}

/// The report's `from ..< to`; `to >= from`.
struct ReportRange: Sendable, Hashable {
    var from: Double
    var to: Double

    func contains(_ time: Double) -> Bool { time >= from && time < to }

    /// How much of `start ... end` lies in the range; 0 when none does.
    func overlap(_ start: Double, _ end: Double) -> Double {
        max(0, min(end, to) - max(start, from))
    }
}
