import CallgateCore
import Config
import Foundation
import HTTPAPI
import Logging
import Media
import SIP
import Storage

/// Drives the ACD: feeds the pure `QueueMachine` with what callers, agents' phones, registrations,
/// the API and timers report, and carries out its effects with SIP and media — ringing agents with
/// a screen pop, bridging on answer, music on hold, announcements, the queue log.
actor QueueManager {
    var machine: QueueMachine
    let services: EdgeServices
    let store: CallStore
    let hub: EventHub
    let logger: Logger
    /// Callers in a queue or talking to an agent, by call id.
    var callers: [String: QueuedCaller] = [:]
    /// Agents' legs ringing or talking, by SIP leg.
    var agentLegs: [LegID: AgentLeg] = [:]
    var timers: [ACDTimer: Task<Void, Never>] = [:]
    var lastStatus: [String: CallgateCore.AgentStatus] = [:]
    /// Offers withdrawn before their INVITE went out; `offer` stops when it finds its own here.
    var cancelledOffers: Set<OfferKey> = []
    var offersInFlight: Set<OfferKey> = []

    struct OfferKey: Hashable {
        let callID: String
        let agent: String
    }

    struct QueuedCaller {
        let edge: SIPCallEdge
        let ticket: CallerTicket
        let vars: [String: JSONValue]
        let joinedAt: Double
        var talkingTo: LegID?
    }

    struct AgentLeg {
        let callID: String
        let agent: String
        let media: MediaLeg
        var answerSDP: String?
        var cancelled = false
    }

    init(config: CallgateConfig, services: EdgeServices, store: CallStore, hub: EventHub, logger: Logger) {
        machine = QueueMachine(queues: config.queueSettings(), agents: config.agentProfiles(), at: Date().timeIntervalSince1970)
        self.services = services
        self.store = store
        self.hub = hub
        self.logger = logger
    }

    var now: Double { Date().timeIntervalSince1970 }

    /// Agents with queues start logged in; their phones' registrations decide who can be offered.
    func start() async {
        for agent in services.config.agentProfiles() where !agent.queues.isEmpty {
            apply(machine.handle(.agentLogin(agent.extension, queues: nil), at: now))
        }
        for ext in await services.registrar.registeredExtensions() {
            apply(machine.handle(.agentRegistered(ext), at: now))
        }
    }

    func registration(_ agent: String, reachable: Bool) {
        guard services.config.agent(extension: agent) != nil else { return }
        apply(machine.handle(reachable ? .agentRegistered(agent) : .agentUnregistered(agent), at: now))
    }

    // MARK: Callers

    /// A caller's scenario ran `enqueue`.
    func join(_ edge: SIPCallEdge, ticket: CallerTicket, vars: [String: JSONValue]) async {
        guard let settings = machine.settings(of: ticket.queue) else {
            await edge.queueUnavailable("there is no queue named \(ticket.queue)")
            return
        }
        callers[ticket.callID] = QueuedCaller(edge: edge, ticket: ticket, vars: vars, joinedAt: now)
        await edge.startMusicOnHold(settings.musicOnHold)
        let effects = machine.handle(.callerJoined(ticket), at: now)
        if let position = machine.snapshot().queues.first(where: { $0.name == ticket.queue })?.waiting.first(where: { $0.callID == ticket.callID })?.position {
            hub.publish(.queueJoined(time: now, callID: ticket.callID, queue: ticket.queue, position: position, priority: ticket.priority,
                                     callerNumber: ticket.callerNumber, callerName: ticket.callerName))
        }
        apply(effects)
    }

    /// The caller pressed the exit key, hung up, or the call failed while queued or talking.
    func callerLeft(_ callID: String, reason: String) async {
        guard let caller = callers.removeValue(forKey: callID) else { return }
        if let leg = caller.talkingTo {
            agentLegs[leg] = nil
            await services.sip.hangup(leg)
            apply(machine.handle(.conversationEnded(callID: callID, by: .caller), at: now))
        } else {
            apply(machine.handle(.callerLeft(callID: callID, reason: reason == "key" ? .exitKey : .abandon), at: now))
        }
        hub.publish(.queueLeft(time: now, callID: callID, queue: caller.ticket.queue, reason: reason == "key" ? "key" : "abandon",
                               waitedSeconds: now - caller.joinedAt))
    }

    // MARK: Effects

    func apply(_ effects: [ACDEffect]) {
        for effect in effects {
            switch effect {
            case .offer(let callID, let agent):
                Task { await self.offer(callID, to: agent) }
            case .cancelOffer(let callID, let agent):
                Task { await self.cancelOffer(callID, agent: agent) }
            case .connected(let callID, let agent):
                Task { await self.connect(callID, agent: agent) }
            case .callerDone(let callID, let reason, let details):
                if let caller = callers.removeValue(forKey: callID) {
                    hub.publish(.queueLeft(time: now, callID: callID, queue: caller.ticket.queue, reason: reason.rawValue,
                                           waitedSeconds: now - caller.joinedAt))
                    Task { await caller.edge.leftQueue(reason: reason.rawValue, details: details) }
                }
            case .announce(let callID, let position, let wait):
                if let caller = callers[callID] { Task { await caller.edge.announce(Self.announcement(position: position, wait: wait)) } }
            case .startTimer(let timer, let seconds):
                timers[timer]?.cancel()
                timers[timer] = Task {
                    try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
                    if !Task.isCancelled { await self.timerFired(timer) }
                }
            case .cancelTimer(let timer):
                timers.removeValue(forKey: timer)?.cancel()
            case .agentStatus(let agent, let status, let reason):
                let previous = lastStatus[agent] ?? .loggedOut
                lastStatus[agent] = status
                var callID: String?
                if case .ringing(let id) = status { callID = id } else if case .onCall(let id) = status { callID = id }
                hub.publish(.agentStatus(time: now, agent: agent, status: Self.apiStatus(status), previous: Self.apiStatus(previous),
                                         reason: reason.rawValue, callID: callID))
            case .log(let entry):
                let store = self.store, logger = self.logger
                Task {
                    do { try await store.appendQueueLog([entry]) } catch { logger.error("queue log write failed: \(error)") }
                }
            case .refused(let error):
                logger.notice("queue request refused: \(error)")
            }
        }
    }

    func timerFired(_ timer: ACDTimer) {
        guard timers.removeValue(forKey: timer) != nil else { return }
        apply(machine.handle(.timerFired(timer), at: now))
    }

    static func announcement(position: Int?, wait: Int?) -> String {
        var parts: [String] = []
        if let position { parts.append(position == 1 ? "You are next in line." : "You are number \(position) in line.") }
        if let wait {
            let minutes = max(1, Int((Double(wait) / 60).rounded()))
            parts.append("Your estimated wait is \(minutes) minute\(minutes == 1 ? "" : "s").")
        }
        return parts.joined(separator: " ")
    }
}
