import Storage
import Testing

/// Agents' choices round-trip through SQLite, the last one winning.
@Suite struct AgentStateTests {
    @Test func theLastChoicePerAgentIsKept() async throws {
        let store = try CallStore.inMemory()
        try await store.saveAgentState(StoredAgentState(agent: "1001", state: "logged_in", queues: ["support", "sales"]))
        try await store.saveAgentState(StoredAgentState(agent: "1002", state: "logged_out"))
        try await store.saveAgentState(StoredAgentState(agent: "1001", state: "paused", reason: "lunch"))
        let states = try await store.agentStates()
        #expect(states == [StoredAgentState(agent: "1001", state: "paused", reason: "lunch"),
                           StoredAgentState(agent: "1002", state: "logged_out")])
        try await store.saveAgentState(StoredAgentState(agent: "1002", state: "logged_in", queues: ["sales"]))
        #expect(try await store.agentStates().last == StoredAgentState(agent: "1002", state: "logged_in", queues: ["sales"]))
    }
}
