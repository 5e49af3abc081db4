@testable import CallgateCore
import Testing

/// A big line: 10,000 callers and 1,000 agents. Each decision looks at the head of the line,
/// never at every caller and agent, so the whole test takes well under a second.
@Suite("QueueMachine: scale")
struct QueueScaleTests {
    @Test func tenThousandCallersAndAThousandAgents() {
        let agents = (0..<1000).map { AgentProfile(extension: String(2000 + $0), name: "A\($0)", queues: ["big"]) }
        let settings = QueueSettings(
            name: "big", maxWaitSeconds: 0, joinEmpty: true, wrapUpSeconds: 0, announcePosition: false, announceWait: false)
        var machine = QueueMachine(queues: [settings], agents: agents, random: SeededRandom(seed: 3))
        var time = 0.0
        for n in 0..<11_000 {
            time += 0.01
            _ = machine.handle(.callerJoined(CallerTicket(callID: "c\(n)", queue: "big", priority: n % 3)), at: time)
        }
        // Each agent arriving takes the head of the line: 1,000 callers talk, 10,000 wait.
        for agent in agents {
            _ = machine.handle(.agentRegistered(agent.extension), at: time)
            let offer = machine.handle(.agentLogin(agent.extension, queues: nil), at: time).offers[0]
            _ = machine.handle(.offerAnswered(callID: offer.callID, agent: offer.agent), at: time)
        }
        #expect(machine.snapshot().queues[0].waiting.count == 10_000)
        // A freed agent gets the head of the line: the first caller of the highest priority still waiting.
        let head = machine.snapshot().queues[0].waiting[0]
        #expect(head.priority == 2)
        let clock = ContinuousClock()
        var slowest = Duration.zero
        for n in 0..<200 {
            time += 1
            var effects: [ACDEffect] = []
            let talking = "c\(3 * n + 2)"  // the first agents took priority-2 callers
            let elapsed = clock.measure {
                effects = machine.handle(.conversationEnded(callID: talking, by: .agent), at: time)
            }
            slowest = max(slowest, elapsed)
            let offer = effects.offers[0]
            if n == 0 { #expect(offer.callID == head.callID) }
            _ = machine.handle(.offerAnswered(callID: offer.callID, agent: offer.agent), at: time)
        }
        #expect(machine.snapshot().queues[0].waiting.count == 9_800)
        // Generous for debug builds and busy machines; release builds take microseconds.
        #expect(slowest < .milliseconds(50))
        print("slowest decision with 10,000 waiting: \(slowest)")
    }
}
