/// Counts one queue's lines in the range (or every queue's, for the total).
struct QueueTally: Sendable {
    private var offered = 0
    private var abandoned = 0
    private var timedOut = 0
    private var full = 0
    private var noAgents = 0
    private var exitKey = 0
    /// Every answered caller, waits known or not.
    private var answered = 0
    private var answeredWithin = 0
    private var answerWaits = Mean()
    private var allWaits = Mean()
    private var completed = 0
    private var talks = Mean()
    private var callbacksRequested = 0
    private var callbacksCompleted = 0
    private var callbacksFailed = 0
    /// From the request to the conversation, as the `callback_completed` lines carry it.
    private var callbackWaits = Mean()

    /// - Parameters:
    ///   - wait: the wait the line carries or implies (see `CallTimes`); nil when unknown.
    ///   - serviceLevel: the threshold of the line's queue.
    mutating func count(_ entry: QueueLogEntry, wait: Double?, talk: Double?, serviceLevel: Double) {
        switch entry.event {
        case .enter: offered += 1
        case .connect:
            answered += 1
            // An answered caller whose wait is unknown cannot be shown to be within the threshold.
            if let wait, wait <= serviceLevel { answeredWithin += 1 }
            if let wait { answerWaits.add(wait) }
        case .abandon: abandoned += 1
        case .timeout: timedOut += 1
        case .exitKey: exitKey += 1
        case .noAgents: noAgents += 1
        // Turned away at the door: never waited, so not in the average wait either.
        case .full: full += 1
        case .completeAgent, .completeCaller:
            completed += 1
            if let talk { talks.add(talk) }
        // A callback is neither answered nor abandoned: it is counted apart.
        case .callbackRequested: callbacksRequested += 1
        case .callbackCompleted:
            callbacksCompleted += 1
            if let wait = entry.waitSeconds { callbackWaits.add(wait) }
        case .callbackFailed: callbacksFailed += 1
        case .offer, .ringNoAnswer, .pause, .unpause, .login, .logout, .supervise, .superviseEnd, .callbackAttempt, .callbackRetry: break
        }
        if let wait, [.connect, .abandon, .timeout, .exitKey, .noAgents].contains(entry.event) { allWaits.add(wait) }
    }

    func figures(queue: String, serviceLevelSeconds: Double?) -> QueueReportFigures {
        let measured = answered + abandoned + timedOut
        return QueueReportFigures(
            queue: queue, offered: offered, answered: answered, abandoned: abandoned, timedOut: timedOut, full: full,
            noAgents: noAgents, exitKey: exitKey, serviceLevelSeconds: serviceLevelSeconds,
            answeredWithinServiceLevel: answeredWithin,
            serviceLevel: measured == 0 ? nil : Double(answeredWithin) / Double(measured),
            averageAnswerWaitSeconds: answerWaits.value, longestAnswerWaitSeconds: answerWaits.largest,
            averageWaitSeconds: allWaits.value, completed: completed, averageTalkSeconds: talks.value,
            callbacksRequested: callbacksRequested, callbacksCompleted: callbacksCompleted, callbacksFailed: callbacksFailed,
            averageCallbackWaitSeconds: callbackWaits.value, longestCallbackWaitSeconds: callbackWaits.largest)
    }
}
