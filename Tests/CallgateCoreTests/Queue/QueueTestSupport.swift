@testable import CallgateCore

/// The machine with the engine's timer duty: it remembers the timers started and not cancelled,
/// and `advance` fires the due ones at their own deadlines. Time starts at a unix-like 1000.
struct ACDDriver {
    var machine: QueueMachine
    var now: Double = 1000
    var timers: [ACDTimer: Double] = [:]

    init(queues: [QueueSettings], agents: [AgentProfile], seed: UInt64 = 7) {
        machine = QueueMachine(queues: queues, agents: agents, random: SeededRandom(seed: seed), at: 1000)
    }

    /// One queue served by the given agents, all with the queue in their profile.
    init(_ settings: QueueSettings, agents: [String], skills: [String: [String: Int]] = [:], seed: UInt64 = 7) {
        self.init(
            queues: [settings],
            agents: agents.map { AgentProfile(extension: $0, name: "Agent \($0)", skills: skills[$0] ?? [:], queues: [settings.name]) },
            seed: seed)
    }

    @discardableResult
    mutating func send(_ input: ACDInput) -> [ACDEffect] {
        let effects = machine.handle(input, at: now)
        track(effects)
        return effects
    }

    /// Moves the clock on, firing every timer that falls due, each at its deadline; then the input, if any.
    @discardableResult
    mutating func advance(by seconds: Double, then input: ACDInput? = nil) -> [ACDEffect] {
        let target = now + seconds
        var effects: [ACDEffect] = []
        while let (timer, deadline) = timers.filter({ $0.value <= target }).min(by: { ($0.value, $0.key.generation) < ($1.value, $1.key.generation) }) {
            timers[timer] = nil
            now = deadline
            effects += send(.timerFired(timer))
        }
        now = target
        if let input { effects += send(input) }
        return effects
    }

    mutating func track(_ effects: [ACDEffect]) {
        for effect in effects {
            switch effect {
            case .startTimer(let timer, let seconds): timers[timer] = now + seconds
            case .cancelTimer(let timer): timers[timer] = nil
            default: break
            }
        }
    }

    /// Registers and logs in each agent, one second apart (so the first is idle longest).
    mutating func staff(_ agents: String...) {
        for agent in agents {
            send(.agentRegistered(agent))
            send(.agentLogin(agent, queues: nil))
            now += 1
        }
    }

    @discardableResult
    mutating func join(_ callID: String, queue: String, priority: Int = 0, skills: [String: Int] = [:], maxWait: Double? = nil) -> [ACDEffect] {
        send(.callerJoined(CallerTicket(callID: callID, queue: queue, priority: priority, skills: skills, maxWaitSeconds: maxWait, callerNumber: "+1555\(callID)")))
    }

    /// The agent answers, talks for `talk` seconds and hangs up, and its wrap-up runs out.
    @discardableResult
    mutating func complete(_ callID: String, agent: String, talk: Double = 60) -> [ACDEffect] {
        var effects = send(.offerAnswered(callID: callID, agent: agent))
        effects += advance(by: talk, then: .conversationEnded(callID: callID, by: .agent))
        return effects
    }

    func status(_ agent: String) -> AgentStatus? {
        machine.snapshot().agents.first { $0.extension == agent }?.status
    }

    func waiting(_ queue: String) -> [String] {
        machine.snapshot().queues.first { $0.name == queue }?.waiting.map(\.callID) ?? []
    }
}

struct Offer: Hashable, CustomStringConvertible {
    var callID: String
    var agent: String
    var description: String { "\(callID)→\(agent)" }
}

extension Array where Element == ACDEffect {
    var offers: [Offer] { compactMap { if case .offer(let c, let a) = $0 { Offer(callID: c, agent: a) } else { nil } } }
    var cancelledOffers: [Offer] { compactMap { if case .cancelOffer(let c, let a) = $0 { Offer(callID: c, agent: a) } else { nil } } }
    var connections: [Offer] { compactMap { if case .connected(let c, let a) = $0 { Offer(callID: c, agent: a) } else { nil } } }
    var logLines: [QueueLogEntry] { compactMap { if case .log(let entry) = $0 { entry } else { nil } } }
    var logEvents: [QueueLogEvent] { logLines.map(\.event) }

    /// `queue.done` outcomes by call.
    var done: [String: QueueDoneReason] {
        var result: [String: QueueDoneReason] = [:]
        for case .callerDone(let callID, let reason, _) in self { result[callID] = reason }
        return result
    }

    func details(_ callID: String) -> [String: JSONValue]? {
        for case .callerDone(let id, _, let details) in self where id == callID { return details }
        return nil
    }

    var statuses: [(agent: String, status: AgentStatus, reason: AgentStatusReason)] {
        compactMap { if case .agentStatus(let a, let s, let r) = $0 { (a, s, r) } else { nil } }
    }

    var announcements: [(callID: String, position: Int?, wait: Int?)] {
        compactMap { if case .announce(let c, let p, let w) = $0 { (c, p, w) } else { nil } }
    }

    var refusals: [ACDError] { compactMap { if case .refused(let error) = $0 { error } else { nil } } }

    /// Every effect but timers: what the engine does for callers and agents.
    var withoutTimers: [ACDEffect] {
        filter {
            switch $0 {
            case .startTimer, .cancelTimer: false
            default: true
            }
        }
    }
}

extension QueueLogEntry {
    /// The line with its time and identities, as the tests compare it.
    var brief: String {
        var text = "\(event.rawValue)"
        if let queue { text += " q=\(queue)" }
        if let callID { text += " call=\(callID)" }
        if let agent { text += " agent=\(agent)" }
        if let waitSeconds { text += " wait=\(JSONValue.format(waitSeconds))" }
        if let talkSeconds { text += " talk=\(JSONValue.format(talkSeconds))" }
        if let reason { text += " reason=\(reason)" }
        return text
    }
}
