extension QueueReport {
    /// The report as text for a terminal: the range, then calls and service per queue, then agents.
    /// Durations are `m:ss` rounded to the second; the JSON has the exact figures.
    public var rendered: String {
        var lines = ["Queue report, \(ReportFormat.utc(from)) to \(ReportFormat.utc(to)) UTC", ""]
        if queues.isEmpty {
            lines.append("No queue calls in this range.")
        } else {
            lines += callsTable.lines + [""] + serviceTable.lines
            if queues.contains(where: { $0.callbacksRequested + $0.callbacksCompleted + $0.callbacksFailed > 0 }) {
                lines += [""] + callbacksTable.lines
            }
        }
        lines.append("")
        lines += agents.isEmpty ? ["No agent activity in this range."] : agentsTable.lines
        return lines.joined(separator: "\n") + "\n"
    }

    private var queuesWithTotal: [(label: String, figures: QueueReportFigures)] {
        queues.map { ($0.queue, $0) } + (queues.count > 1 ? [("all queues", total)] : [])
    }

    private var callsTable: TextTable {
        var table = TextTable("queue", "offered", "answered", "abandoned", "timed out", "full", "no agents", "exit key")
        for (label, q) in queuesWithTotal {
            table.add([label] + [q.offered, q.answered, q.abandoned, q.timedOut, q.full, q.noAgents, q.exitKey].map(String.init))
        }
        return table
    }

    private var serviceTable: TextTable {
        var table = TextTable(
            "queue", "service level", "threshold", "avg answer wait", "max answer wait", "avg wait", "avg talk")
        for (label, q) in queuesWithTotal {
            let within = q.serviceLevel == nil ? "-" : "\(ReportFormat.percent(q.serviceLevel)) (\(q.answeredWithinServiceLevel)/\(q.answered + q.abandoned + q.timedOut))"
            table.add([
                label, within, ReportFormat.seconds(q.serviceLevelSeconds), ReportFormat.duration(q.averageAnswerWaitSeconds),
                ReportFormat.duration(q.longestAnswerWaitSeconds), ReportFormat.duration(q.averageWaitSeconds),
                ReportFormat.duration(q.averageTalkSeconds),
            ])
        }
        return table
    }

    /// Shown when the range has callbacks: requested, put through, dropped, and their waits.
    private var callbacksTable: TextTable {
        var table = TextTable("queue", "callbacks", "completed", "failed", "avg callback wait", "max callback wait")
        for (label, q) in queuesWithTotal {
            table.add([label, String(q.callbacksRequested), String(q.callbacksCompleted), String(q.callbacksFailed),
                       ReportFormat.duration(q.averageCallbackWaitSeconds), ReportFormat.duration(q.longestCallbackWaitSeconds)])
        }
        return table
    }

    private var agentsTable: TextTable {
        var table = TextTable("agent", "answered", "talk", "avg talk", "missed", "logged in", "occupancy", "paused")
        for a in agents {
            table.add([
                a.agent, String(a.answered), ReportFormat.duration(a.talkSeconds), ReportFormat.duration(a.averageTalkSeconds),
                String(a.missedOffers), ReportFormat.duration(a.loggedInSeconds), ReportFormat.percent(a.occupancy),
                ReportFormat.duration(a.pausedSeconds),
            ])
        }
        return table
    }
}
