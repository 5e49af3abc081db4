import Foundation
import GRDB

/// What an agent chose last, as kept across restarts: `logged_out`, `paused` (with its reason) or
/// `logged_in` (to `queues`, nil for all configured ones).
public struct StoredAgentState: Sendable, Hashable {
    public var agent: String
    public var state: String
    public var reason: String?
    public var queues: [String]?

    public init(agent: String, state: String, reason: String? = nil, queues: [String]? = nil) {
        self.agent = agent
        self.state = state
        self.reason = reason
        self.queues = queues
    }
}

extension CallStore {
    public func saveAgentState(_ s: StoredAgentState) async throws {
        let queues = s.queues.map { $0.joined(separator: ",") }
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO agent_states (agent, state, reason, queues) VALUES (?, ?, ?, ?)
                    ON CONFLICT(agent) DO UPDATE SET state = excluded.state, reason = excluded.reason, queues = excluded.queues
                    """,
                arguments: [s.agent, s.state, s.reason, queues])
        }
    }

    public func agentStates() async throws -> [StoredAgentState] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM agent_states ORDER BY agent").map { row in
                let queues: String? = row["queues"]
                return StoredAgentState(agent: row["agent"], state: row["state"], reason: row["reason"],
                                        queues: queues.map { $0.split(separator: ",").map(String.init) })
            }
        }
    }
}
