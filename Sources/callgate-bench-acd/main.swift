// The ACD decision benchmark of `make bench` (tools/bench/run.sh): the scale test's line, 10,000
// callers waiting and 1,000 agents talking; times each decision "an agent is free: whom is offered"
// and prints the p50, p99 and max in microseconds. Usage: callgate-bench-acd [DECISIONS]
import CallgateCore

let decisions = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 2000 : 2000
let agents = (0..<1000).map { AgentProfile(extension: String(2000 + $0), name: "A\($0)", queues: ["big"]) }
let settings = QueueSettings(
    name: "big", maxWaitSeconds: 0, joinEmpty: true, wrapUpSeconds: 0, announcePosition: false, announceWait: false)
var machine = QueueMachine(queues: [settings], agents: agents)
var time = 0.0

func offers(_ effects: [ACDEffect]) -> [(callID: String, agent: String)] {
    effects.compactMap { if case .offer(let c, let a) = $0 { (c, a) } else { nil } }
}

for n in 0..<11_000 {
    time += 0.01
    _ = machine.handle(.callerJoined(CallerTicket(callID: "c\(n)", queue: "big", priority: n % 3)), at: time)
}
var talking: [String] = []  // call ids in conversation, oldest first
for agent in agents {
    _ = machine.handle(.agentRegistered(agent.extension), at: time)
    guard let offer = offers(machine.handle(.agentLogin(agent.extension, queues: nil), at: time)).first else {
        fatalError("no offer at login")
    }
    _ = machine.handle(.offerAnswered(callID: offer.callID, agent: offer.agent), at: time)
    talking.append(offer.callID)
}
let waitingBefore = machine.snapshot().queues[0].waiting.count
precondition(waitingBefore >= 10_000, "expected 10,000 waiting, got \(waitingBefore)")
let clock = ContinuousClock()
var samples: [Double] = []
samples.reserveCapacity(decisions)
for n in 0..<decisions {
    time += 1
    var effects: [ACDEffect] = []
    let ended = talking[n]
    let elapsed = clock.measure { effects = machine.handle(.conversationEnded(callID: ended, by: .agent), at: time) }
    samples.append(Double(elapsed.components.attoseconds) / 1e12 + Double(elapsed.components.seconds) * 1e6)
    guard let offer = offers(effects).first else { fatalError("no offer for a freed agent") }
    _ = machine.handle(.offerAnswered(callID: offer.callID, agent: offer.agent), at: time)
    talking.append(offer.callID)
    // A new caller keeps the line at 10,000 (not timed).
    let joined = 11_000 + n
    _ = machine.handle(.callerJoined(CallerTicket(callID: "c\(joined)", queue: "big", priority: joined % 3)), at: time)
}
let sorted = samples.sorted()
let percentile = { (p: Double) -> Double in sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)] }
print("waiting=\(waitingBefore) agents=\(agents.count) decisions=\(decisions)")
print("p50_us=\(percentile(0.50)) p99_us=\(percentile(0.99)) max_us=\(sorted.last!)")
