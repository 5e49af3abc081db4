import CallgateCore
import Media

/// The caller's side of a supervised queue call: into the supervisor's room and back to the
/// direct bridge with the agent, and the end of the session when the conversation ends.
extension SIPCallEdge {
    /// Joins the room if the caller is still talking to an agent; false otherwise.
    func enterSupervision(_ session: SupervisionSession, room: MediaRoom) -> Bool {
        guard !closed, bridgedAgent != nil, supervision == nil else { return false }
        supervision = session
        media.join(room)
        return true
    }

    /// The supervisor left: caller and agent talk directly again.
    func leaveSupervision(_ session: SupervisionSession, agentMedia: MediaLeg) {
        guard supervision === session else { return }
        supervision = nil
        guard !closed, bridgedAgent?.media === agentMedia else { return }
        media.leaveRoom()
        agentMedia.leaveRoom()
        media.bridge(with: agentMedia)
    }

    /// The conversation is over (either side hung up, the call left the queue): so is the session.
    func conversationEnded() {
        guard let session = supervision else { return }
        supervision = nil
        media.leaveRoom()
        Task { await session.end(reason: "call_ended") }
    }

    func noteSupervision(_ kind: String, details: [String: JSONValue]) {
        guard !closed else { return }
        report(.note(kind, details: details))
    }
}
