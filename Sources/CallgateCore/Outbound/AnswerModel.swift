import Foundation

/// The predictive pacer's picture of the next few seconds: how many people will answer the calls
/// in progress, and how many agents there will be to take them. Pure arithmetic, no state.
struct AnswerModel: Sendable {
    /// The chance that a new call is answered by a person.
    let answerRate: Double
    /// The chance that a call already in progress is: lower, most of them ring to their timeout.
    let pendingAnswerRate: Double
    /// Agents free now.
    let free: Int
    /// Agents with a contact now.
    let busy: Int
    /// `excess[a]`: the expected answers beyond the agents when `a` people answer,
    /// E[max(0, a − free − freed)] with freed ~ Binomial(busy, freeing); for a = 0...maxCalls.
    private let excess: [Double]

    /// `freeing`: the chance that one busy agent frees up within the pacer's look-ahead;
    /// `maxCalls`: the most calls in progress the pacer will ask about.
    init(answerRate: Double, pendingAnswerRate: Double, free: Int, busy: Int, freeing: Double, maxCalls: Int) {
        self.answerRate = answerRate
        self.pendingAnswerRate = pendingAnswerRate
        self.free = free
        self.busy = busy
        // excess[a + 1] − excess[a] = P(free + freed ≤ a): one more answer is one more abandon
        // exactly when the agents are already all taken.
        let freed = Self.binomial(trials: busy, chance: freeing)
        var excess = [Double](repeating: 0, count: max(0, maxCalls) + 1)
        var taken = 0.0
        for a in 0..<max(0, maxCalls) {
            let index = a - free
            if index >= 0, index < freed.count { taken += freed[index] }
            excess[a + 1] = excess[a] + (index >= 0 ? min(taken, 1) : 0)
        }
        self.excess = excess
    }

    /// Expected abandons over expected answers with `pending` calls in progress and `new` more:
    /// answers are about Binomial(pending + new, their mean chance), agents are `free` +
    /// Binomial(busy, freeing), and every answer beyond the agents is abandoned. Grows with `new`;
    /// 0 when no call can be answered.
    func abandonShare(pending: Int, new: Int) -> Double {
        let calls = max(0, pending) + max(0, new)
        let expectedAnswers = Double(max(0, pending)) * pendingAnswerRate + Double(max(0, new)) * answerRate
        guard calls > 0, expectedAnswers > 0 else { return 0 }
        let answers = Self.binomial(trials: calls, chance: expectedAnswers / Double(calls))
        var expectedAbandons = 0.0
        for (count, chance) in answers.enumerated() where count > free {
            expectedAbandons += chance * (count < excess.count ? excess[count] : Double(count - free))
        }
        return expectedAbandons / expectedAnswers
    }

    /// The probabilities of 0...trials successes, by the ratio of consecutive terms.
    static func binomial(trials: Int, chance: Double) -> [Double] {
        let n = max(0, trials), p = min(max(chance, 0), 1)
        if p == 0 { return [1] + Array(repeating: 0, count: n) }
        if p == 1 { return Array(repeating: 0, count: n) + [1] }
        var terms = [Double](repeating: 0, count: n + 1)
        var term = 1.0
        for _ in 0..<n { term *= 1 - p }
        // (1 − p)^n underflows only past ~700 trials at p = 0.65; start from the mode's side then.
        if term == 0 { return normalised(trials: n, chance: p) }
        terms[0] = term
        for k in 0..<n {
            term *= Double(n - k) / Double(k + 1) * p / (1 - p)
            terms[k + 1] = term
        }
        return terms
    }

    /// The same terms computed in logarithms, for a count of trials where the first term underflows.
    private static func normalised(trials n: Int, chance p: Double) -> [Double] {
        var logs = [Double](repeating: 0, count: n + 1)
        var logTerm = Double(n) * log(1 - p)
        logs[0] = logTerm
        for k in 0..<n {
            logTerm += log(Double(n - k)) - log(Double(k + 1)) + log(p) - log(1 - p)
            logs[k + 1] = logTerm
        }
        let top = logs.max() ?? 0
        let raw = logs.map { exp($0 - top) }
        let total = raw.reduce(0, +)
        return raw.map { $0 / total }
    }
}
