/// A shift of an agent campaign in simulated time, to compare pacers (the tests and `make bench`'s
/// predictive-pacing step): every placed call rings, is answered by a person or not, an answered
/// call reaches a free agent within the connect window or is abandoned, and an agent talks
/// (exponential) and wraps up. The pacer is asked after every event how many calls to place.
/// Pure and seeded: the same settings and pacer give the same result.
public struct DialerSimulation<P: Pacer>: Sendable {
    private enum Happening: Sendable {
        case answered(call: Int)
        case unanswered
        case agentFree(handled: Double)
        case connectDeadline(call: Int)
    }

    private let settings: DialerSimulationSettings
    private var pacer: P
    private var random: SeededRandom
    private var queue = TimedQueue<Happening>()
    private var result = DialerSimulationResult()
    private var freeAgents: Int
    private var ringing = 0
    private var nextCall = 0
    /// Answered calls waiting for an agent, oldest first: the call and when it was answered.
    private var waiting: [(call: Int, since: Double)] = []

    /// Runs one shift with `pacer` and returns its figures.
    public static func run(_ pacer: P, settings: DialerSimulationSettings = .init()) -> DialerSimulationResult {
        var simulation = DialerSimulation(pacer: pacer, settings: settings)
        return simulation.run()
    }

    private init(pacer: P, settings: DialerSimulationSettings) {
        self.settings = settings
        self.pacer = pacer
        self.random = SeededRandom(seed: settings.seed)
        self.freeAgents = max(0, settings.agents)
    }

    private mutating func run() -> DialerSimulationResult {
        result.agentSeconds = Double(max(0, settings.agents)) * settings.shift
        pace(at: 0)
        while let (time, happening) = queue.pop(), time < settings.shift {
            handle(happening, at: time)
            pace(at: time)
        }
        return result
    }

    private mutating func handle(_ happening: Happening, at time: Double) {
        switch happening {
        case .answered(let call):
            ringing -= 1
            result.answered += 1
            pacer.record(.answered, at: time)
            if freeAgents > 0 {
                connect(waited: 0, at: time)
            } else {
                waiting.append((call, time))
                queue.push(.connectDeadline(call: call), at: time + settings.connectWindow)
            }
        case .unanswered:
            ringing -= 1
            pacer.record(.unanswered, at: time)
        case .agentFree(let handled):
            freeAgents += 1
            pacer.record(.handled(seconds: handled), at: time)
            if !waiting.isEmpty {
                let next = waiting.removeFirst()
                connect(waited: time - next.since, at: time)
            }
        case .connectDeadline(let call):
            guard let index = waiting.firstIndex(where: { $0.call == call }) else { return }
            waiting.remove(at: index)
            result.abandoned += 1
            pacer.record(.abandoned, at: time)
        }
    }

    private mutating func connect(waited: Double, at time: Double) {
        freeAgents -= 1
        result.connected += 1
        pacer.record(.connected(wait: waited), at: time)
        let talk = random.exponential(mean: settings.meanTalk)
        let handled = talk + settings.wrapUp
        result.talkSeconds += min(time + talk, settings.shift) - time
        result.occupiedSeconds += min(time + handled, settings.shift) - time
        queue.push(.agentFree(handled: handled), at: time + handled)
    }

    /// Asks the pacer and places what it says, until the shift's end.
    private mutating func pace(at time: Double) {
        guard time < settings.shift else { return }
        let wanted = pacer.callsToPlace(freeAgents: freeAgents, callsInProgress: ringing + waiting.count, at: time)
        // A runaway pacer is bounded: never more calls in progress than 50 per agent.
        let room = max(0, 50 * max(1, settings.agents) - ringing - waiting.count)
        for _ in 0..<min(max(0, wanted), room) { place(at: time) }
    }

    private mutating func place(at time: Double) {
        let call = nextCall
        nextCall += 1
        ringing += 1
        result.placed += 1
        pacer.record(.placed, at: time)
        if random.unit() < settings.answerRate {
            let delay = settings.minimumRing + random.exponential(mean: settings.meanAnswerDelay)
            queue.push(.answered(call: call), at: time + min(delay, settings.ringTimeout))
        } else if random.unit() < settings.busyShare {
            queue.push(.unanswered, at: time + random.unit() * settings.busyDelay)
        } else {
            queue.push(.unanswered, at: time + settings.ringTimeout)
        }
    }
}
