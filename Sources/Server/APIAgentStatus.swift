import HTTPAPI

/// The API's agent status, named apart from the ACD's (both modules call theirs AgentStatus).
typealias APIAgentStatus = AgentStatus
