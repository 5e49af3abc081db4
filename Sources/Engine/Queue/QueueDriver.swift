import CallgateCore
import Logging

/// Drives the ACD: feeds the pure ``QueueMachine`` with what callers, agents' legs, registrations,
/// the API and its timers report, and carries out its effects through ports — the ``Dialer`` for
/// offers, the ``QueueCaller`` for music, announcements and the bridge, the event sink and the
/// queue log. Time comes from one injected clock (timers and the machine's time alike), so tests
/// run a day of queue life in milliseconds with fake legs.
///
/// The machine owns every agent's state; the driver keeps only what belongs to the legs: the
/// callers it serves and the offers it placed.
public actor QueueDriver<C: Clock> where C.Duration == Duration {
    var machine: QueueMachine
    /// The agents as configured: those with queues start logged in to all of them.
    let profiles: [AgentProfile]
    let dialer: any Dialer
    let contacts: any AgentContacts
    let events: any EngineEventSink
    let queueLog: any QueueLogWriter
    /// Where agents' choices are kept across restarts; nil keeps them in memory only.
    let choices: (any AgentChoiceStore)?
    /// Where a callback may dial its customer, and the audio and records of its legs; nil: no callbacks.
    let callbackTargets: (any TransferTargets)?
    let callbackEdge: (any CallbackEdge)?
    /// Where waiting callbacks are kept across restarts; nil keeps them in memory only.
    let callbackStore: (any CallbackStore)?
    /// The customer dial of each callback in an attempt or a conversation, by call id.
    var customers: [String: CustomerDial] = [:]
    /// The last of the customer calls' record writes, which run one after the other.
    var recordWrites: Task<Void, Never>?
    let clock: C
    /// The machine, the log and the events carry its wall time.
    let time: InjectedTime<C>
    let logger: Logger
    /// Callers in a queue or talking to an agent, by call id.
    var callers: [String: Caller] = [:]
    /// Offers from the machine's `.offer` until their leg is over, by serial number.
    var offers: [UInt64: Offer] = [:]
    var nextOffer: UInt64 = 0
    var timers: [ACDTimer: Task<Void, Never>] = [:]
    /// What the event stream was last told of each agent, for the `previous` of the next change.
    /// The machine owns the state; this is only the stream's memory.
    var reported: [String: AgentStatus.Kind] = [:]
    /// Queue log lines waiting for the writer, and whether a write is under way (lines stay in order).
    var pendingLog: [QueueLogEntry] = []
    var writingLog = false
    var flushWaiters: [CheckedContinuation<Void, Never>] = []

    struct Caller {
        let side: any QueueCaller
        let ticket: CallerTicket
        let vars: [String: JSONValue]
        let joinedAt: Double
        /// The offer the caller is talking on, once connected.
        var talkingOn: UInt64?
        /// The operator is transferring the caller (``transferStarted(_:)``): whether its leg is still up.
        var transferring: (offer: UInt64, operatorUp: Bool)?
        /// The caller asked for a callback: its call is over, `side` is not used any more.
        var isCallback = false
        /// Customer dials placed for the callback: the N of each customer call's id `CALLID-cbN`.
        var callbackDials = 0
        /// When the callback was asked for.
        var callbackRequestedAt: Double?
    }

    struct Offer {
        let callID: String
        let agent: String
        var leg: (any DialedLeg)?
        /// Withdrawn by the machine: the leg, once it exists, is hung up and its events ignored.
        var withdrawn = false
        var answered = false
        var connected = false
    }

    public init(queues: [QueueSettings], agents: [AgentProfile], dialer: any Dialer, contacts: any AgentContacts,
                events: any EngineEventSink, queueLog: any QueueLogWriter, choices: (any AgentChoiceStore)? = nil,
                callbackTargets: (any TransferTargets)? = nil, callbackEdge: (any CallbackEdge)? = nil,
                callbackStore: (any CallbackStore)? = nil, clock: C, wallTime: Double, logger: Logger) {
        self.callbackStore = callbackStore
        self.callbackTargets = callbackTargets
        self.callbackEdge = callbackEdge
        machine = QueueMachine(queues: queues, agents: agents, at: wallTime)
        profiles = agents
        self.dialer = dialer
        self.contacts = contacts
        self.events = events
        self.queueLog = queueLog
        self.choices = choices
        self.clock = clock
        time = InjectedTime(clock: clock, wallTime: wallTime)
        self.logger = logger
    }

    /// Seconds since 1970 on the injected clock.
    public var now: Double { time.now }

    /// The registrar's news: the agent's phone became reachable, or its last binding went away.
    public func registration(_ agent: String, reachable: Bool) {
        guard profiles.contains(where: { $0.extension == agent }) else { return }
        apply(machine.handle(reachable ? .agentRegistered(agent) : .agentUnregistered(agent), at: now))
    }

    /// The queues and agents now, for the API's views.
    public func snapshot() -> ACDSnapshot { machine.snapshot(at: now) }

    /// The caller name a waiting caller gave (the snapshot carries only the number).
    public func callerName(_ callID: String) -> String? { callers[callID]?.ticket.callerName }

    public func settings(of queue: String) -> QueueSettings? { machine.settings(of: queue) }

    func timerFired(_ timer: ACDTimer) {
        guard timers.removeValue(forKey: timer) != nil else { return }
        apply(machine.handle(.timerFired(timer), at: now))
    }

    /// Stops every timer (the engine is shutting down).
    public func stop() {
        for task in timers.values { task.cancel() }
        timers = [:]
    }

    /// Waits until the queue log lines so far are written.
    public func flushQueueLog() async {
        guard writingLog || !pendingLog.isEmpty else { return }
        await withCheckedContinuation { flushWaiters.append($0) }
    }

    /// Writes the pending lines in batches, one writer at a time, in order.
    func writeQueueLog() async {
        guard !writingLog else { return }
        writingLog = true
        while !pendingLog.isEmpty {
            let batch = pendingLog
            pendingLog = []
            do { try await queueLog.appendQueueLog(batch) } catch { logger.error("queue log write failed: \(error)") }
        }
        writingLog = false
        for waiter in flushWaiters { waiter.resume() }
        flushWaiters = []
    }
}
