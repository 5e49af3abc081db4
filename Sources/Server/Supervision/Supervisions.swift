import CallgateCore
import Config
import Engine
import HTTPAPI
import Logging
import Media
import SIP

/// Every supervision session, by the supervised call and by the supervisor's leg: one owner, so a
/// call has at most one supervisor at a time and every phone event finds its session.
actor Supervisions {
    let config: CallgateConfig
    let logger: Logger
    private var services: EdgeServices?
    private var byCall: [String: SupervisionSession] = [:]
    /// Sessions of supervisors who dialed a feature code, by their leg (a dialed leg's end comes from the dialer).
    private var byLeg: [LegID: SupervisionSession] = [:]
    /// API requests ringing the supervisor's phone, by call: a second request is refused meanwhile.
    private var ringing: Set<String> = []
    /// The events of each supervisor's leg the engine dialed, by call: finished when the session
    /// ends (our own hang-up brings no event), so that nothing keeps the call's edge alive.
    private var dialedEvents: [String: AsyncStream<DialEvent>.Continuation] = [:]

    init(config: CallgateConfig, logger: Logger) {
        self.config = config
        self.logger = logger
    }

    func attach(_ services: EdgeServices) { self.services = services }

    /// Why a supervision cannot start (or be changed or ended).
    enum Refusal: Error, Sendable, Hashable, CustomStringConvertible {
        /// No such agent, or one without `supervises`.
        case notASupervisor(String)
        /// The agent (or call) is not in a queue conversation now.
        case notOnACall(String)
        /// The supervisor may not supervise that queue, or tried to supervise themselves.
        case notAllowed(String)
        /// Another supervisor is already in the call.
        case busy(String)
        /// The supervisor's phone is not registered, or did not answer.
        case unreachable(String)
        /// No supervision of that call.
        case notSupervised(String)

        var description: String {
            switch self {
            case .notASupervisor(let text), .notOnACall(let text), .notAllowed(let text), .busy(let text), .unreachable(let text),
                 .notSupervised(let text): text
            }
        }
    }

    /// The conversation `supervisor` asks to join: by agent (feature code) or by call (API).
    func check(supervisor: String, agent: String? = nil, callID: String? = nil) async -> Result<Queues.Conversation, Refusal> {
        guard let profile = config.agent(extension: supervisor), !profile.supervises.isEmpty else {
            return .failure(.notASupervisor("\(supervisor) is not a supervisor (agents[].supervises)"))
        }
        guard let queues = services?.queues else { return .failure(.notOnACall("queues are not configured")) }
        let conversation: Queues.Conversation?
        if let agent {
            conversation = await queues.conversation(ofAgent: agent)
        } else if let callID {
            conversation = await queues.conversation(ofCall: callID)
        } else {
            conversation = nil
        }
        guard let conversation else {
            return .failure(.notOnACall(agent.map { "agent \($0) is not talking to a caller" } ?? "call \(callID ?? "?") is not talking to an agent"))
        }
        guard conversation.agent != supervisor else { return .failure(.notAllowed("\(supervisor) cannot supervise their own call")) }
        guard profile.maySupervise(queue: conversation.queue) else {
            return .failure(.notAllowed("\(supervisor) may not supervise queue \(conversation.queue)"))
        }
        if byCall[conversation.callID] != nil || ringing.contains(conversation.callID) {
            return .failure(.busy("call \(conversation.callID) already has a supervisor"))
        }
        return .success(conversation)
    }

    /// The supervisor dialed a feature code and the engine answered: the session starts now.
    func startFromPhone(leg: LegID, media: MediaLeg, supervisor: String, mode: SupervisionMode, conversation: Queues.Conversation) async {
        guard let services, let session = makeSession(supervisor: supervisor, mode: mode, conversation: conversation, media: media,
                                                      phone: .called(leg), services: services) else {
            media.close()
            await services?.sip.hangup(leg)
            return
        }
        byCall[conversation.callID] = session
        byLeg[leg] = session
        await session.start()
    }

    /// The API: ring the supervisor's phone; the session starts when it answers. Returns at once.
    func startFromAPI(callID: String, supervisor: String, mode: SupervisionMode) async throws(Refusal) -> SupervisionView {
        if let session = byCall[callID] {
            guard session.supervisor == supervisor else { throw .busy("call \(callID) already has a supervisor (\(session.supervisor))") }
            await session.switchMode(to: mode)
            return await session.view
        }
        let conversation: Queues.Conversation
        switch await check(supervisor: supervisor, callID: callID) {
        case .success(let found): conversation = found
        case .failure(let refusal): throw refusal
        }
        guard let services, let target = await TLSContacts(registrar: services.registrar, config: config).reach(for: supervisor) else {
            throw .unreachable("\(supervisor)'s phone is not registered")
        }
        ringing.insert(callID)
        let request = DialRequest(uri: target.uri, callerNumber: conversation.agent, callerName: "Supervise \(conversation.agent)",
                                  headers: ["X-Callgate-Call-ID": callID, "X-Callgate-Supervise": mode.rawValue], peer: target.peer,
                                  nextHop: target.nextHop)
        let answered = AsyncStream<DialEvent>.makeStream()
        dialedEvents[callID] = answered.continuation
        let leg: any DialedLeg
        do {
            leg = try await services.dialer.dial(request) { event in answered.continuation.yield(event) }
        } catch {
            ringing.remove(callID)
            dialedEvents.removeValue(forKey: callID)?.finish()
            throw .unreachable("\(supervisor)'s phone cannot be rung: \(error)")
        }
        guard let dialed = leg as? SofiaDialedLeg else {
            ringing.remove(callID)
            dialedEvents.removeValue(forKey: callID)?.finish()
            await leg.hangUp()
            throw .unreachable("\(supervisor)'s phone cannot be rung")
        }
        Task { await self.follow(dialed, events: answered.stream, supervisor: supervisor, mode: mode, conversation: conversation) }
        return SupervisionView(callID: callID, supervisor: supervisor, agent: conversation.agent, queue: conversation.queue, mode: mode,
                               state: "ringing")
    }

    /// A dialed supervisor's leg: start on answer, end on hang-up; unanswered within
    /// `sip.transfer_ring_seconds`, it is cancelled.
    private func follow(_ leg: SofiaDialedLeg, events: AsyncStream<DialEvent>, supervisor: String, mode: SupervisionMode,
                        conversation: Queues.Conversation) async {
        let seconds = config.sip.transferRingSeconds
        let timeout = Task {
            try? await Task.sleep(for: .seconds(seconds))
            if !Task.isCancelled, !leg.wasAnswered { await leg.hangUp() }
        }
        defer {
            timeout.cancel()
            dialedEvents.removeValue(forKey: conversation.callID)?.finish()
        }
        for await event in events {
            switch event {
            case .answered:
                timeout.cancel()
                ringing.remove(conversation.callID)
                guard let services, let session = makeSession(supervisor: supervisor, mode: mode, conversation: conversation, media: leg.media,
                                                              phone: .dialed(leg), services: services) else {
                    await leg.hangUp()
                    return
                }
                byCall[conversation.callID] = session
                await session.start()
            case .failed(let status, let reason):
                ringing.remove(conversation.callID)
                logger.notice("supervisor \(supervisor)'s phone did not answer: \(status) \(reason)")
                return
            case .hungUp:
                if let session = byCall[conversation.callID], session.supervisor == supervisor { await session.end(reason: "supervisor_hangup") }
                return
            }
        }
    }

    private func makeSession(supervisor: String, mode: SupervisionMode, conversation: Queues.Conversation, media: MediaLeg,
                             phone: SupervisionSession.Phone, services: EdgeServices) -> SupervisionSession? {
        var logger = self.logger
        logger[metadataKey: "call.id"] = "\(conversation.callID)"
        return SupervisionSession(supervisor: supervisor, mode: mode, conversation: conversation, supervisorMedia: media, phone: phone,
                                  services: services, logger: logger) { [weak self] session in await self?.forget(session) }
    }

    private func forget(_ session: SupervisionSession) {
        if byCall[session.callID] === session {
            byCall[session.callID] = nil
            dialedEvents.removeValue(forKey: session.callID)?.finish()
        }
        for (leg, known) in byLeg where known === session { byLeg[leg] = nil }
    }

    /// The API ends the supervision of a call.
    func end(callID: String) async throws(Refusal) {
        guard let session = byCall[callID] else { throw .notSupervised("call \(callID) has no supervisor") }
        await session.end(reason: "api")
    }

    /// The supervisors in calls now.
    func list() async -> [SupervisionView] {
        var views: [SupervisionView] = []
        for session in byCall.values { views.append(await session.view) }
        return views.sorted { $0.callID < $1.callID }
    }

    /// A SIP event of a supervisor's phone; false when the leg is not one.
    func phoneHungUp(_ leg: LegID) async -> Bool {
        guard let session = byLeg[leg] else { return false }
        await session.end(reason: "supervisor_hangup")
        return true
    }

    func dtmf(_ leg: LegID, _ key: Character) async -> Bool {
        guard let session = byLeg[leg] else { return false }
        await session.key(key)
        return true
    }

    func isSupervisorPhone(_ leg: LegID) -> Bool { byLeg[leg] != nil }

    /// Shutdown: every session ends.
    func endAll() async {
        for session in byCall.values { await session.end(reason: "shutdown") }
    }
}
