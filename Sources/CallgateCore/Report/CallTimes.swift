/// When each caller entered and each conversation began, to measure a wait or a talk time that
/// a line does not carry itself.
struct CallTimes: Sendable {
    private var entered: [CallKey: Double] = [:]
    private var connected: [String: Double] = [:]

    private struct CallKey: Hashable, Sendable {
        var queue: String?
        var callID: String
    }

    /// The lines that end a caller's wait, and so carry (or imply) how long it was.
    static let waitEnding: Set<QueueLogEvent> = [.connect, .abandon, .timeout, .exitKey, .noAgents, .full]

    static func isCompletion(_ event: QueueLogEvent) -> Bool { event == .completeAgent || event == .completeCaller }

    /// The line's `waitSeconds`, else the time since the caller's `enter` line; nil when neither is known.
    func wait(of entry: QueueLogEntry) -> Double? {
        guard Self.waitEnding.contains(entry.event) else { return nil }
        if let wait = entry.waitSeconds { return wait }
        guard let callID = entry.callID, let start = entered[CallKey(queue: entry.queue, callID: callID)] else { return nil }
        return entry.time - start
    }

    /// The line's `talkSeconds`, else the time since the call's `connect` line; nil when neither is known.
    func talk(of entry: QueueLogEntry) -> Double? {
        guard Self.isCompletion(entry.event) else { return nil }
        if let talk = entry.talkSeconds { return talk }
        guard let callID = entry.callID, let start = connected[callID] else { return nil }
        return entry.time - start
    }

    /// Remembers starts, and forgets them once they have ended so that a long log stays small.
    mutating func record(_ entry: QueueLogEntry) {
        guard let callID = entry.callID else { return }
        let key = CallKey(queue: entry.queue, callID: callID)
        if entry.event == .enter {
            entered[key] = entry.time
        } else if Self.waitEnding.contains(entry.event) {
            entered[key] = nil
        }
        if entry.event == .connect || entry.event == .callbackCompleted {
            connected[callID] = entry.time
        } else if Self.isCompletion(entry.event) {
            connected[callID] = nil
        }
    }
}
