import CallgateCore
import Engine
import HTTPAPI
import Logging
import Media
import SIP

/// One supervisor in one operator's queue call: caller, agent and supervisor share a media room,
/// in which the supervisor's mode decides who hears the supervisor (listen: nobody, whisper: the
/// agent, barge: both); the supervisor always hears both. Keys 4, 5, 6 on the supervisor's phone
/// switch the mode. When the supervisor leaves, caller and agent go back to their direct bridge;
/// when the conversation ends, the supervisor's phone is hung up.
///
/// Every start, switch and end is a `supervise`/`supervise_end` line in the queue log and a note
/// in the caller's trail.
actor SupervisionSession {
    /// How the supervisor's phone joined: it dialed a feature code, or the engine rang it (API).
    enum Phone: Sendable {
        case called(LegID)
        case dialed(SofiaDialedLeg)
    }

    let supervisor: String
    let conversation: Queues.Conversation
    let caller: SIPCallEdge
    let agentMedia: MediaLeg
    let supervisorMedia: MediaLeg
    let phone: Phone
    let services: EdgeServices
    let logger: Logger
    private(set) var mode: SupervisionMode
    private var room: MediaRoom?
    private var ended = false
    private var keysTask: Task<Void, Never>?
    /// Told once the session is over (the router forgets it).
    private let onEnd: @Sendable (SupervisionSession) async -> Void

    init?(supervisor: String, mode: SupervisionMode, conversation: Queues.Conversation, supervisorMedia: MediaLeg, phone: Phone,
          services: EdgeServices, logger: Logger, onEnd: @escaping @Sendable (SupervisionSession) async -> Void) {
        guard let caller = conversation.caller as? SIPCallEdge, let agentLeg = conversation.agentLeg as? SofiaDialedLeg else { return nil }
        self.supervisor = supervisor
        self.mode = mode
        self.conversation = conversation
        self.caller = caller
        agentMedia = agentLeg.media
        self.supervisorMedia = supervisorMedia
        self.phone = phone
        self.services = services
        self.logger = logger
        self.onEnd = onEnd
    }

    nonisolated var callID: String { conversation.callID }
    nonisolated var agent: String { conversation.agent }

    /// The supervisor is on the line: all three into one room, the supervisor heard as the mode says.
    func start() async {
        guard !ended else { return }
        let room = services.mediaEngine.openRoom()
        self.room = room
        guard await caller.enterSupervision(self, room: room) else {
            await end(reason: "call_ended")
            return
        }
        agentMedia.join(room)
        supervisorMedia.join(room, muted: false, audience: audience(for: mode))
        let events = supervisorMedia.events
        // Nobody else reads the supervisor leg's media events: its RFC 4733 keys arrive here.
        keysTask = Task { [weak self] in
            for await event in events {
                if case .dtmf(let key) = event { await self?.key(key) }
            }
        }
        logger.info("supervisor \(supervisor) joined agent \(agent)'s call \(callID) (\(mode.rawValue))")
        await record(.supervise)
    }

    /// Who hears the supervisor in `mode`.
    func audience(for mode: SupervisionMode) -> Audience {
        switch mode {
        case .listen: .nobody
        case .whisper: .only([agentMedia.participantID])
        case .barge: .everyone
        }
    }

    /// A key from the supervisor's phone: 4, 5 or 6 switch the mode; others are ignored.
    func key(_ key: Character) async {
        guard let mode = SupervisionMode(key: key) else { return }
        await switchMode(to: mode)
    }

    func switchMode(to mode: SupervisionMode) async {
        guard !ended, mode != self.mode, let room else { return }
        self.mode = mode
        room.set(supervisorMedia, muted: false, audience: audience(for: mode))
        logger.info("supervisor \(supervisor) switched to \(mode.rawValue) on agent \(agent)'s call \(callID)")
        await record(.supervise)
    }

    /// The end, from whichever side: the supervisor hung up, the conversation ended, the API.
    /// Caller and agent are bridged again if both are still there; the supervisor's phone is hung
    /// up unless it is the one that left.
    func end(reason: String) async {
        guard !ended else { return }
        ended = true
        keysTask?.cancel()
        supervisorMedia.leaveRoom()
        if reason != "call_ended" {
            await caller.leaveSupervision(self, agentMedia: agentMedia)
        }
        room?.close()
        room = nil
        if reason != "supervisor_hangup" {
            switch phone {
            case .called(let leg): await services.sip.hangup(leg)
            case .dialed(let leg): await leg.hangUp()
            }
        }
        if case .called = phone { supervisorMedia.close() }
        logger.info("supervisor \(supervisor) left agent \(agent)'s call \(callID): \(reason)")
        await record(.superviseEnd, reason: reason)
        await onEnd(self)
    }

    private func record(_ event: QueueLogEvent, reason: String? = nil) async {
        await services.queues?.logSupervision(event, of: conversation, supervisor: supervisor, mode: mode)
        var details: [String: JSONValue] = ["supervisor": .string(supervisor), "agent": .string(agent), "mode": .string(mode.rawValue)]
        if let reason { details["reason"] = .string(reason) }
        await caller.noteSupervision(event == .supervise ? "supervise" : "supervise_end", details: details)
    }

    /// What the API shows of the session.
    var view: SupervisionView {
        SupervisionView(callID: callID, supervisor: supervisor, agent: agent, queue: conversation.queue, mode: mode, state: "active")
    }
}
