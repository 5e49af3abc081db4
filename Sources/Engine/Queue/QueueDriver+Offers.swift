import CallgateCore

/// Offers: from the machine's `.offer` to the end of the agent's leg. Every decision is taken on
/// the actor after each suspension, so an offer withdrawn while its contact is looked up or its
/// INVITE is in flight stops there, and a leg whose answer crosses the withdrawal is hung up.
extension QueueDriver {
    /// Rings the agent's phone with the caller: the caller's number and name in From, the call's
    /// vars in `X-Callgate-*` headers (a screen pop for phones that show headers).
    func place(_ id: UInt64) async {
        guard let offer = offers[id], !offer.withdrawn else {
            offers[id] = nil
            return
        }
        guard let caller = callers[offer.callID] else {
            offerFailed(id, .failed)
            return
        }
        let contact = await contacts.reach(for: offer.agent)
        guard offers[id]?.withdrawn == false else {
            offers[id] = nil  // withdrawn while the registrar answered: nothing was sent
            return
        }
        guard let contact else {
            logger.notice("agent \(offer.agent) has no registered phone to ring")
            offerFailed(id, .failed)
            return
        }
        let request = DialRequest(uri: contact.uri, callerNumber: caller.ticket.callerNumber, callerName: caller.ticket.callerName,
                                  headers: Self.screenPop(caller), peer: .agent(offer.agent), nextHop: contact.nextHop)
        let leg: any DialedLeg
        do {
            leg = try await dialer.dial(request) { [weak self] event in await self?.legEvent(id, event) }
        } catch {
            logger.error("ringing agent \(offer.agent) failed: \(error)")
            offerFailed(id, .failed)
            return
        }
        guard var current = offers[id] else {
            await leg.hangUp()  // its leg already ended while the INVITE went out
            return
        }
        current.leg = leg
        offers[id] = current
        if current.withdrawn {
            await leg.hangUp()  // withdrawn while the INVITE was in flight: CANCEL it
            return
        }
        events.publish(.callOffered(time: now, callID: caller.ticket.callID, queue: caller.ticket.queue, agent: offer.agent,
                                    callerNumber: caller.ticket.callerNumber, callerName: caller.ticket.callerName,
                                    vars: caller.vars, waitedSeconds: now - caller.joinedAt))
        if current.connected { bridge(id) }  // answered before `dial` returned
    }

    /// The machine withdrew the offer (another agent answered, the caller left, the ring timed out).
    func withdraw(callID: String, agent: String) {
        guard let id = offerID(callID: callID, agent: agent) else { return }
        offers[id]?.withdrawn = true
        if let leg = offers[id]?.leg { Task { await leg.hangUp() } }
        // Without a leg yet, `place` hangs it up once the INVITE has gone out.
    }

    /// The machine says caller and agent talk now.
    func connect(callID: String, agent: String) {
        guard let id = offerID(callID: callID, agent: agent), callers[callID] != nil else { return }
        offers[id]?.connected = true
        callers[callID]?.talkingOn = id
        if offers[id]?.leg != nil { bridge(id) }
    }

    func bridge(_ id: UInt64) {
        guard let offer = offers[id], let leg = offer.leg, let caller = callers[offer.callID] else { return }
        let recording = machine.settings(of: caller.ticket.queue)?.record == true
        if caller.isCallback {
            bridgeCallback(callID: offer.callID, agentLeg: leg, recording: recording)
        } else {
            Task { await caller.side.bridge(to: leg, recording: recording) }
        }
        events.publish(.callConnected(time: now, callID: offer.callID, queue: caller.ticket.queue, agent: offer.agent,
                                      waitedSeconds: now - caller.joinedAt))
    }

    /// What the dialer reports about an agent's leg.
    func legEvent(_ id: UInt64, _ event: DialEvent) async {
        guard let offer = offers[id] else { return }
        switch event {
        case .answered:
            guard !offer.withdrawn else {
                await offer.leg?.hangUp()  // the answer crossed our CANCEL: BYE
                return
            }
            offers[id]?.answered = true
            apply(machine.handle(.offerAnswered(callID: offer.callID, agent: offer.agent), at: now))
        case .failed(let status, _):
            offers[id] = nil
            guard !offer.withdrawn else { return }
            offerFailed(offer, Self.failure(status))
        case .hungUp:
            offers[id] = nil
            guard !offer.withdrawn else { return }
            if callers[offer.callID]?.transferring?.offer == id {
                // The operator hung up while its transfer rings: the transfer decides what follows.
                callers[offer.callID]?.transferring?.operatorUp = false
                if let side = callers[offer.callID]?.side { Task { await side.operatorLeft() } }
                return
            }
            if offer.connected, callers[offer.callID]?.talkingOn == id {
                // The agent hung up: the caller goes back to the scenario (queue.done agent_hangup).
                callers[offer.callID]?.talkingOn = nil
                if let caller = callers[offer.callID], !caller.isCallback { Task { await caller.side.unbridge() } }
                apply(machine.handle(.conversationEnded(callID: offer.callID, by: .agent), at: now))
            } else {
                offerFailed(offer, .failed)
            }
        }
    }

    /// The offer is over without a conversation: it is forgotten, and the machine hears why.
    func offerFailed(_ id: UInt64, _ reason: OfferFailure) {
        guard let offer = offers.removeValue(forKey: id) else { return }
        offerFailed(offer, reason)
    }

    /// The same, for an offer already taken out of `offers`.
    func offerFailed(_ offer: Offer, _ reason: OfferFailure) {
        apply(machine.handle(.offerFailed(callID: offer.callID, agent: offer.agent, reason: reason), at: now))
    }

    func offerID(callID: String, agent: String) -> UInt64? {
        offers.first { $0.value.callID == callID && $0.value.agent == agent && !$0.value.withdrawn }?.key
    }

    static func failure(_ status: Int) -> OfferFailure {
        switch status {
        case 486, 600, 603: .busy
        case 408, 480, 487: .noAnswer
        default: .failed
        }
    }

    /// The caller's identity and vars as headers; vars that are long or multi-line stay out.
    static func screenPop(_ caller: Caller) -> [String: String] {
        var headers = ["X-Callgate-Call-ID": caller.ticket.callID, "X-Callgate-Queue": caller.ticket.queue,
                       "X-Callgate-Caller": caller.ticket.callerNumber]
        // A callback says so, and whom it will call: the agent knows before answering.
        if caller.isCallback { headers["X-Callgate-Callback"] = caller.ticket.numberToCallBack }
        for (name, value) in caller.vars {
            if let text = value.scalarText, text.count <= 200, !text.contains(where: \.isNewline) { headers["X-Callgate-Var-\(name)"] = text }
        }
        return headers
    }
}
