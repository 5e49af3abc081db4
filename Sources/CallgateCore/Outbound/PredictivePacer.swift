import Foundation

/// Predictive dialing: more calls than free agents, from the measured answer rate and handle time,
/// while the campaign's abandon rate stays under a cap (3 % by default, the US and UK regulators'
/// figure; docs/outbound.md#dialing-modes-and-pacing).
///
/// What it measures, over the whole campaign:
/// - the answer rate `p`: people answering per finished attempt (`answered` over `answered` +
///   `unanswered`; a machine counts as unanswered);
/// - the average handle time (talk and wrap-up, from `handled`), and how many agents are busy with
///   a contact (`connected` minus `handled`);
/// - the abandon rate `a`: `abandoned` over `answered`.
///
/// How it decides, each time it is asked:
/// 1. Until `warmUpOutcomes` attempts have finished and `warmUpHandled` calls have been handled,
///    and whenever `a` has reached the cap, it is progressive: one call per free agent.
/// 2. Otherwise it models the next `lookahead` seconds (about the time a placed call takes to be
///    answered): the agents there will be are the free ones plus the busy ones that finish, each
///    with probability `1 − exp(−lookahead / handle time)` (exponential handle times); the people
///    who will answer are about Binomial over the calls in progress and the new ones, a new call
///    with chance `p`, a call already ringing with less (most calls ringing at any moment ring
///    to their timeout; by Little's law the ones that will be answered are about
///    answers-per-second × `lookahead` of the time-average ringing). Answers beyond the agents
///    are abandons.
/// 3. It places the most calls whose expected abandons stay under a share `τ` of the expected
///    answers. `τ` is the feedback that keeps the campaign's rate under the cap:
///    `τ = clamp(target + gain × (target − a), 0, 1.5 × target)` with `target = safety × cap`, so a
///    campaign running under its target dials harder and one above it backs off (at the cap,
///    step 1 makes it progressive).
/// 4. It never places fewer calls than progressive dialing would, nor more than `maxCallsPerAgent`
///    calls in progress for every agent it can count.
public struct PredictivePacer: Pacer {
    /// The abandon rate (abandoned / answered, over the campaign) not to exceed.
    public var abandonCap: Double
    /// An answered call that reaches no agent within this many seconds is abandoned (the driver
    /// times it; the pacer counts `abandoned`).
    public var connectWindow: Double
    /// The share of the cap the feedback aims at: room for the rate's noise.
    public var safety: Double
    /// How strongly the measured rate's distance from the target moves the per-decision share.
    public var gain: Double
    /// Seconds ahead the model looks for agents freeing up: about the time to answer.
    public var lookahead: Double
    /// Finished attempts before the answer rate is trusted.
    public var warmUpOutcomes: Int
    /// Handled calls before the handle time is trusted.
    public var warmUpHandled: Int
    /// At most this many calls in progress per agent (free or busy).
    public var maxCallsPerAgent: Int

    /// What the pacer has counted so far.
    public private(set) var tally = PacingTally()

    public init(
        abandonCap: Double = 0.03, connectWindow: Double = 2, safety: Double = 0.8, gain: Double = 1,
        lookahead: Double = 15, warmUpOutcomes: Int = 30, warmUpHandled: Int = 5, maxCallsPerAgent: Int = 6
    ) {
        self.abandonCap = max(0, abandonCap)
        self.connectWindow = max(0, connectWindow)
        self.safety = min(max(safety, 0), 1)
        self.gain = max(0, gain)
        self.lookahead = max(0, lookahead)
        self.warmUpOutcomes = max(0, warmUpOutcomes)
        self.warmUpHandled = max(0, warmUpHandled)
        self.maxCallsPerAgent = max(1, maxCallsPerAgent)
    }

    public mutating func record(_ event: PacingEvent, at time: Double) {
        tally.record(event, at: time)
    }

    public func callsToPlace(freeAgents: Int, callsInProgress: Int, at time: Double) -> Int {
        let free = max(0, freeAgents), inProgress = max(0, callsInProgress)
        let progressive = max(0, free - inProgress)
        let ceiling = (free + tally.busyAgents) * maxCallsPerAgent
        guard ceiling > inProgress, let model = model(freeAgents: free, maxCalls: ceiling) else { return progressive }
        let share = abandonShare()
        // The abandon share grows with the calls in progress: the largest total under `share`.
        var low = inProgress, high = ceiling
        while low < high {
            let middle = (low + high + 1) / 2
            if model.abandonShare(pending: inProgress, new: middle - inProgress) <= share { low = middle } else { high = middle - 1 }
        }
        return max(progressive, low - inProgress)
    }

    /// The per-decision share of answers allowed to be abandoned: the feedback on the measured rate.
    public func abandonShare() -> Double {
        let target = safety * abandonCap
        return min(max(target + gain * (target - tally.abandonRate), 0), 1.5 * target)
    }

    /// The model of the next `lookahead` seconds, or nil while the pacer should be progressive.
    func model(freeAgents: Int, maxCalls: Int) -> AnswerModel? {
        guard tally.outcomes >= warmUpOutcomes, tally.handled >= warmUpHandled,
              tally.abandonRate < abandonCap, tally.answerRate > 0,
              let handleTime = tally.averageHandleTime, handleTime > 0
        else { return nil }
        let freeing = 1 - exp(-lookahead / handleTime)
        // Most calls in progress at any moment are the ones that ring to their timeout: by Little's
        // law, the ones a person will answer are (answers per second × time to answer) of them.
        let pending = tally.averageRinging > 0
            ? min(tally.answerRate, tally.answersPerSecond * lookahead / tally.averageRinging) : tally.answerRate
        return AnswerModel(answerRate: tally.answerRate, pendingAnswerRate: pending, free: freeAgents, busy: tally.busyAgents,
                           freeing: freeing, maxCalls: maxCalls)
    }
}

/// The counts a predictive pacer keeps over a campaign.
public struct PacingTally: Sendable, Hashable {
    public private(set) var placed = 0
    public private(set) var answered = 0
    public private(set) var unanswered = 0
    public private(set) var connected = 0
    public private(set) var abandoned = 0
    public private(set) var handled = 0
    public private(set) var handleSeconds = 0.0
    /// Seconds from the first event to the last, and the integral of the calls ringing over them.
    public private(set) var elapsed = 0.0
    private var ringingSeconds = 0.0
    private var lastTime: Double?

    /// Finished attempts: answered by a person, or not.
    public var outcomes: Int { answered + unanswered }
    /// People answering per finished attempt.
    public var answerRate: Double { outcomes == 0 ? 0 : Double(answered) / Double(outcomes) }
    /// Answered calls that reached no agent in time, per answered call.
    public var abandonRate: Double { answered == 0 ? 0 : Double(abandoned) / Double(answered) }
    /// Talk and wrap-up per handled call, once there is one.
    public var averageHandleTime: Double? { handled == 0 ? nil : handleSeconds / Double(handled) }
    /// Agents with a contact now (connected and not yet handled).
    public var busyAgents: Int { max(0, connected - handled) }
    /// Calls placed and not yet answered or given up.
    public var ringing: Int { max(0, placed - outcomes) }
    /// The time-average of `ringing` so far.
    public var averageRinging: Double { elapsed > 0 ? ringingSeconds / elapsed : 0 }
    /// People answering per second, over the campaign so far.
    public var answersPerSecond: Double { elapsed > 0 ? Double(answered) / elapsed : 0 }

    mutating func record(_ event: PacingEvent, at time: Double) {
        if let lastTime, time.isFinite, time > lastTime {
            ringingSeconds += Double(ringing) * (time - lastTime)
            elapsed += time - lastTime
        }
        if time.isFinite, time >= (lastTime ?? -.infinity) { lastTime = time }
        switch event {
        case .placed: placed += 1
        case .answered: answered += 1
        case .unanswered: unanswered += 1
        case .connected: connected += 1
        case .abandoned: abandoned += 1
        case .handled(let seconds):
            handled += 1
            if seconds.isFinite { handleSeconds += max(0, seconds) }
        }
    }
}
