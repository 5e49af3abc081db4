/// One queue inside the machine: its settings, its line and who serves it.
struct QueueRecord: Sendable {
    var settings: QueueSettings
    /// Every caller not yet talking to an agent, in order: positions come from here.
    var line = WaitingLine()
    /// The callers of `line` who may be offered now (not ringing, not waiting out a retry delay).
    var ready = WaitingLine()
    /// Agents logged in to the queue.
    var members: Set<String> = []
    /// Members who are available with a registered phone: the only ones a caller can be offered to.
    var offerable: Set<String> = []
    /// Round-robin's cursor.
    var lastOffered: String?
    var figures = QueueFigures()
}

/// One agent inside the machine.
struct AgentRecord: Sendable {
    var profile: AgentProfile
    var status: AgentStatus = .loggedOut
    var registered = false
    /// The queues the agent is logged in to, in the order logged in.
    var queues: [String] = []
    var callsTaken = 0
    var talkSeconds: Double = 0
    /// When the agent last became available after a login, an unpause or a wrap-up.
    var idleSince: Double = 0
    /// Offers left unanswered in a row.
    var missedOffers = 0
    /// A pause asked for during a conversation: it starts when the conversation ends.
    var pendingPause: String?
    var wrapUpTimer: ACDTimer?

    var isOfferable: Bool { status == .available && registered }
}

/// One caller inside the machine, from joining until leaving or the end of the conversation.
struct CallerRecord: Sendable {
    enum Phase: Sendable, Hashable {
        /// Waiting to be offered.
        case ready
        /// Waiting out the retry delay after an unanswered offer.
        case retrying
        /// Offered to these agents, in the order offered.
        case ringing([String])
        case talking(agent: String, since: Double)
        /// A callback's customer is being dialed; the agent is committed to it.
        case dialing(agent: String)
    }

    /// A caller who asked to be called back: no longer on the line, still in it.
    struct Callback: Sendable, Hashable {
        var requestedAt: Double
        /// Customer dials placed so far.
        var attempts = 0
        /// The customer answered the current attempt and is on the line.
        var customerUp = false
    }

    var ticket: CallerTicket
    var key: LineKey
    var joinedAt: Double
    var phase: Phase = .ready
    /// Agents who let this caller ring out: offered only when nobody else can take the caller.
    var missedBy: Set<String> = []
    var maxWaitTimer: ACDTimer?
    var announceTimer: ACDTimer?
    /// The ring timeout while ringing, the retry delay while retrying.
    var offerTimer: ACDTimer?
    /// When the caller started talking to an agent (or nil).
    var waitSeconds: Double?
    /// Set once the caller asked for a callback.
    var callback: Callback?

    var callID: String { ticket.callID }
    var queue: String { ticket.queue }

    var isTalking: Bool { if case .talking = phase { true } else { false } }
}
