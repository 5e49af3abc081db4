@testable import CallgateCore
import Foundation
import Testing

/// The snapshot as the HTTP API will send it: snake_case keys, statuses as objects.
@Suite("ACDSnapshot JSON")
struct SnapshotEncodingTests {
    @Test func agentStatusesEncodeAsObjectsAndBack() throws {
        let statuses: [AgentStatus] = [
            .loggedOut, .available, .ringing(callID: "c1"), .onCall(callID: "c2"), .wrapUp(until: 1010.5), .paused(reason: "lunch"),
        ]
        let data = try JSONEncoder().encode(statuses)
        let json = try JSONValue.parse(data)
        #expect(json == [
            ["name": "logged_out"], ["name": "available"], ["name": "ringing", "call_id": "c1"], ["name": "on_call", "call_id": "c2"],
            ["name": "wrap_up", "until": 1010.5], ["name": "paused", "reason": "lunch"],
        ])
        #expect(try JSONDecoder().decode([AgentStatus].self, from: data) == statuses)
    }

    @Test func aSnapshotEncodes() throws {
        var acd = ACDDriver(QueueSettings(name: "q", strategy: .ringAll), agents: ["1001"])
        acd.staff("1001")
        acd.join("c1", queue: "q", priority: 4)
        guard case .object(let root) = JSONValue.encoding(acd.machine.snapshot()) else {
            Issue.record("not an object")
            return
        }
        guard case .array(let queues)? = root["queues"], case .object(let queue)? = queues.first,
            case .array(let waiting)? = queue["waiting"], case .object(let caller)? = waiting.first
        else {
            Issue.record("no waiting caller in \(root)")
            return
        }
        #expect(queue["strategy"] == "ring-all")
        #expect(queue["available_agents"] == 0)
        #expect(caller == ["call_id": "c1", "priority": 4, "waited_seconds": 0, "position": 1, "ringing": ["1001"], "caller_number": "+1555c1"])
        guard case .array(let agents)? = root["agents"], case .object(let agent)? = agents.first else {
            Issue.record("no agent")
            return
        }
        #expect(agent["status"] == ["name": "ringing", "call_id": "c1"])
        #expect(agent["calls_taken"] == 0)
        #expect(agent["idle_since"] == 1000)
    }
}
