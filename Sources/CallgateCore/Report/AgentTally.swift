/// Follows one agent through the log: counts their lines in the range and clips their logged-in,
/// paused and talking intervals to it.
///
/// - warning: Feed every line of the agent in time order, those before the range included, then
///   call `finish()` once.
struct AgentTally: Sendable {
    private enum Login: Sendable, Hashable {
        /// No `login` or `logout` seen yet.
        case unknown
        case loggedIn(since: Double)
        case loggedOut
    }

    /// Before the entries begin: an interval that starts here is clipped to `from`.
    private static let beforeTheLog = -Double.infinity

    private let range: ReportRange
    private var login = Login.unknown
    private var pausedSince: Double?
    /// False until a pause, unpause, login or logout says whether the agent is paused.
    private var pauseKnown = false
    /// Conversations under way, by call id, with the time of their `connect` line.
    private var conversations: [String: Double] = [:]
    private var sawLineInRange = false

    private var answered = 0
    private var completed = 0
    private var completedTalk = Mean()
    private var missedOffers = 0
    private var loggedInSeconds = 0.0
    private var pausedSeconds = 0.0
    private var talkSeconds = 0.0

    init(range: ReportRange) {
        self.range = range
    }

    /// - Parameter talk: for a `complete_*` line, the conversation's length (see `CallTimes`).
    mutating func apply(_ entry: QueueLogEntry, talk: Double?) {
        let time = entry.time
        if range.contains(time) { count(entry, talk: talk) }
        switch entry.event {
        case .login:
            // A second login changes nothing: the first one still counts.
            if case .loggedIn = login { return }
            login = .loggedIn(since: time)
            pausedSince = nil
            pauseKnown = true
        case .logout:
            switch login {
            case .loggedIn(let since): loggedInSeconds += range.overlap(since, time)
            case .unknown: loggedInSeconds += range.overlap(Self.beforeTheLog, time)
            case .loggedOut: break
            }
            login = .loggedOut
            endPause(at: time)
        default:
            // Working, or pausing, without a login in the entries: logged in since before they begin.
            if login == .unknown { login = .loggedIn(since: Self.beforeTheLog) }
            applyWork(entry, talk: talk)
        }
    }

    private mutating func applyWork(_ entry: QueueLogEntry, talk: Double?) {
        let time = entry.time
        switch entry.event {
        case .pause:
            if pausedSince == nil { pausedSince = time }
            pauseKnown = true
        case .unpause:
            // An unpause with nothing before it: paused since before the entries begin.
            if pausedSince == nil && !pauseKnown { pausedSince = Self.beforeTheLog }
            endPause(at: time)
        case .connect, .callbackCompleted:
            conversations[entry.callID ?? ""] = time
        case .completeAgent, .completeCaller:
            conversations[entry.callID ?? ""] = nil
            // The conversation is the talk time before this line, whether its connect is in the entries or not.
            talkSeconds += range.overlap(time - (talk ?? 0), time)
        default: break
        }
    }

    private mutating func endPause(at time: Double) {
        if let since = pausedSince { pausedSeconds += range.overlap(since, time) }
        pausedSince = nil
        pauseKnown = true
    }

    private mutating func count(_ entry: QueueLogEntry, talk: Double?) {
        sawLineInRange = true
        switch entry.event {
        case .connect, .callbackCompleted: answered += 1  // a callback put through is a call the agent took
        case .completeAgent, .completeCaller:
            completed += 1
            if let talk { completedTalk.add(talk) }
        case .ringNoAnswer: missedOffers += 1
        default: break
        }
    }

    /// Closes what is still open at `to`: a login, a pause, conversations under way.
    mutating func finish() {
        if case .loggedIn(let since) = login { loggedInSeconds += range.overlap(since, range.to) }
        login = .loggedOut
        endPause(at: range.to)
        for start in conversations.values { talkSeconds += range.overlap(start, range.to) }
        conversations = [:]
    }

    /// Whether the agent belongs in the report: a line in the range, or time in it.
    var isInReport: Bool { sawLineInRange || loggedInSeconds > 0 || pausedSeconds > 0 || talkSeconds > 0 }

    func figures(agent: String) -> AgentFigures {
        AgentFigures(
            agent: agent, answered: answered, completed: completed, talkSeconds: talkSeconds,
            averageTalkSeconds: completedTalk.value, missedOffers: missedOffers, loggedInSeconds: loggedInSeconds,
            pausedSeconds: pausedSeconds, occupancy: loggedInSeconds > 0 ? talkSeconds / loggedInSeconds : nil)
    }
}
