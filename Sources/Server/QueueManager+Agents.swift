import CallgateCore
import Foundation
import HTTPAPI
import Media
import SIP

extension QueueManager {
    /// Rings the agent's registered phone with the caller: the caller's number and name in From,
    /// the call's vars in X-Callgate-* headers (a screen pop for phones that show headers).
    func offer(_ callID: String, to agent: String) async {
        let key = OfferKey(callID: callID, agent: agent)
        offersInFlight.insert(key)
        defer {
            offersInFlight.remove(key)
            cancelledOffers.remove(key)
        }
        guard let caller = callers[callID] else {
            apply(machine.handle(.offerFailed(callID: callID, agent: agent, reason: .failed), at: now))
            return
        }
        guard let contact = await services.registrar.contact(for: agent) else {
            apply(machine.handle(.offerFailed(callID: callID, agent: agent, reason: .failed), at: now))
            return
        }
        guard !cancelledOffers.contains(key) else { return }  // withdrawn while the registrar answered
        let media: MediaLeg
        do {
            media = try services.mediaEngine.openLeg()
        } catch {
            logger.error("no media port to ring agent \(agent): \(error)")
            apply(machine.handle(.offerFailed(callID: callID, agent: agent, reason: .failed), at: now))
            return
        }
        var headers = ["X-Callgate-Call-ID": callID, "X-Callgate-Queue": caller.ticket.queue,
                       "X-Callgate-Caller": caller.ticket.callerNumber]
        for (name, value) in caller.vars {
            if let text = value.scalarText, text.count <= 200, !text.contains(where: \.isNewline) { headers["X-Callgate-Var-\(name)"] = text }
        }
        let from = SIPAddress(user: caller.ticket.callerNumber, host: services.publicAddress,
                              displayName: caller.ticket.callerName ?? caller.ticket.callerNumber)
        let offer = SessionDescription.offer(address: services.rtpAddress, port: Int(media.localPort))
        do {
            let leg = try await services.sip.call(to: contact, from: from, sdp: offer, headers: headers)
            if cancelledOffers.remove(key) != nil {
                await services.sip.hangup(leg)  // withdrawn while the INVITE was being sent: CANCEL it
                media.close()
                return
            }
            agentLegs[leg] = AgentLeg(callID: callID, agent: agent, media: media)
            await services.router?.trackOutbound(leg, handler: self)
            hub.publish(.callOffered(time: now, callID: callID, queue: caller.ticket.queue, agent: agent,
                                     callerNumber: caller.ticket.callerNumber, callerName: caller.ticket.callerName,
                                     vars: caller.vars, waitedSeconds: now - caller.joinedAt))
        } catch {
            media.close()
            logger.error("ringing agent \(agent) failed: \(error)")
            apply(machine.handle(.offerFailed(callID: callID, agent: agent, reason: .failed), at: now))
        }
    }

    func cancelOffer(_ callID: String, agent: String) async {
        guard let (leg, state) = agentLegs.first(where: { $0.value.callID == callID && $0.value.agent == agent }) else {
            // The offer is still being set up (registrar lookup, INVITE on its way): it stops there.
            let key = OfferKey(callID: callID, agent: agent)
            if offersInFlight.contains(key) { cancelledOffers.insert(key) }
            return
        }
        agentLegs[leg]?.cancelled = true
        await services.sip.hangup(leg)
        state.media.close()
        agentLegs[leg] = nil
        await services.router?.forgetOutbound(leg)
    }

    /// The agent answered and the machine says they talk: bridge the two legs.
    func connect(_ callID: String, agent: String) async {
        guard let (leg, state) = agentLegs.first(where: { $0.value.callID == callID && $0.value.agent == agent }),
              var caller = callers[callID] else { return }
        if !state.media.follow(answer: state.answerSDP) {
            logger.warning("agent \(agent) answered without usable audio")
        }
        caller.talkingTo = leg
        callers[callID] = caller
        let record = machine.settings(of: caller.ticket.queue)?.record == true
        await caller.edge.bridgeAgent(state.media, record: record)
        hub.publish(.callConnected(time: now, callID: callID, queue: caller.ticket.queue, agent: agent, waitedSeconds: now - caller.joinedAt))
    }

    /// What the SIP stack reports about an agent's leg.
    func agentLegEvent(_ event: SIPEvent) async {
        switch event {
        case .answered(let leg, let sdp):
            guard let state = agentLegs[leg], !state.cancelled else {
                await services.sip.hangup(leg)
                return
            }
            agentLegs[leg]?.answerSDP = sdp
            apply(machine.handle(.offerAnswered(callID: state.callID, agent: state.agent), at: now))
        case .failed(let leg, let status, _):
            guard let state = agentLegs.removeValue(forKey: leg) else { return }
            state.media.close()
            await services.router?.forgetOutbound(leg)
            guard !state.cancelled else { return }
            let reason: OfferFailure = switch status {
            case 486, 600, 603: .busy
            case 408, 480, 487: .noAnswer
            default: .failed
            }
            apply(machine.handle(.offerFailed(callID: state.callID, agent: state.agent, reason: reason), at: now))
        case .hungUp(let leg), .cancelled(let leg):
            guard let state = agentLegs.removeValue(forKey: leg) else { return }
            await services.router?.forgetOutbound(leg)
            if var caller = callers[state.callID], caller.talkingTo == leg {
                // The agent hung up: the caller goes back to the scenario (queue.done agent_hangup).
                caller.talkingTo = nil
                callers[state.callID] = caller
                await caller.edge.unbridgeAgent()
                state.media.close()
                apply(machine.handle(.conversationEnded(callID: state.callID, by: .agent), at: now))
            } else {
                state.media.close()
                apply(machine.handle(.offerFailed(callID: state.callID, agent: state.agent, reason: .failed), at: now))
            }
        default:
            break
        }
    }
}

extension QueueManager: OutboundLegHandler {
    func outboundEvent(_ event: SIPEvent) async { await agentLegEvent(event) }
}
