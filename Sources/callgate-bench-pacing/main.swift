// The predictive-pacing benchmark of `make bench` (tools/bench/pacing.sh): the case of issue 13
// in simulated time (20 agents, 30 % of calls answered by a person, Poisson answers, exponential
// talk times, 10 s wrap-up, an 8-hour shift), progressive against predictive over several seeds.
// Prints one Markdown table row per mode and seed, the means, then a `ratio=… worst_abandon=…` line.
// Usage: callgate-bench-pacing [SEEDS] [SHIFT_HOURS] [CAP] [MEAN_TALK_SECONDS]
import CallgateCore

func argument(_ index: Int, _ fallback: Double) -> Double {
    guard CommandLine.arguments.count > index, let value = Double(CommandLine.arguments[index]), value > 0 else {
        return fallback
    }
    return value
}

let seeds = Int(argument(1, 5))
let hours = argument(2, 8)
let cap = min(argument(3, 0.03), 1)
let talk = argument(4, DialerSimulationSettings().meanTalk)

func row(_ mode: String, _ seed: String, _ r: DialerSimulationResult) -> String {
    let percent = { (x: Double) in String(format: "%.1f %%", x * 100) }
    return "| \(mode) | \(seed) | \(r.placed) | \(r.answered) | \(r.abandoned) | \(percent(r.abandonRate)) | "
        + "\(percent(r.occupancy)) | \(String(format: "%.1f", r.talkMinutesPerAgentHour)) |"
}

func mean(_ results: [DialerSimulationResult]) -> DialerSimulationResult {
    var total = DialerSimulationResult()
    for r in results {
        total.placed += r.placed; total.answered += r.answered; total.abandoned += r.abandoned
        total.connected += r.connected; total.talkSeconds += r.talkSeconds
        total.occupiedSeconds += r.occupiedSeconds; total.agentSeconds += r.agentSeconds
    }
    let n = max(1, results.count)
    total.placed /= n; total.answered /= n; total.abandoned /= n; total.connected /= n
    total.talkSeconds /= Double(n); total.occupiedSeconds /= Double(n); total.agentSeconds /= Double(n)
    return total
}

var progressive: [DialerSimulationResult] = []
var predictive: [DialerSimulationResult] = []
print("| mode | seed | calls placed | answered | abandoned | abandon rate | agent occupancy | talk min per agent-hour |")
print("|---|---|---|---|---|---|---|---|")
for seed in 1...max(1, seeds) {
    var settings = DialerSimulationSettings()
    settings.seed = UInt64(seed)
    settings.shift = hours * 3600
    settings.meanTalk = talk
    let slow = DialerSimulation.run(ProgressivePacer(), settings: settings)
    let fast = DialerSimulation.run(PredictivePacer(abandonCap: cap), settings: settings)
    progressive.append(slow)
    predictive.append(fast)
    print(row("progressive", String(seed), slow))
    print(row("predictive", String(seed), fast))
}
let slow = mean(progressive), fast = mean(predictive)
print(row("**progressive, mean**", "all", slow))
print(row("**predictive, mean**", "all", fast))
let ratio = slow.talkMinutesPerAgentHour == 0 ? 0 : fast.talkMinutesPerAgentHour / slow.talkMinutesPerAgentHour
let worst = predictive.map(\.abandonRate).max() ?? 0
print("")
print("ratio=\(String(format: "%.2f", ratio)) worst_abandon=\(String(format: "%.4f", worst)) cap=\(cap)")
