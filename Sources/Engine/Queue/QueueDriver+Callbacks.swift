import CallgateCore

/// Callbacks: the machine decides (docs/queues.md#callbacks); the driver dials the customer
/// through the ``Dialer`` at a number the ``TransferTargets`` allow (so a callback is never a way
/// around the trunks' `allow` rules), and keeps the customer call's record.
extension QueueDriver {
    /// One customer dial: its leg and its call record. Withdrawn legs are hung up and their
    /// events ignored, so a late 487 never fails the next attempt.
    struct CustomerDial {
        let serial: UInt64
        var record: CallRecord
        let startedAt: Double
        var leg: (any DialedLeg)?
        var withdrawn = false
        var answered = false
        var ended = false
    }

    /// The caller pressed the callback key and is hanging up: the machine keeps the place.
    func requestCallback(_ callID: String) {
        guard let caller = callers[callID] else { return }
        let effects = machine.handle(.callbackRequested(callID: callID), at: now)
        if effects.contains(where: { if case .refused = $0 { true } else { false } }) {
            // Talking already, or asked twice: the call is ending all the same.
            callers[callID] = nil
            apply(machine.handle(.callerLeft(callID: callID, reason: .abandon), at: now))
            return
        }
        callers[callID]?.isCallback = true
        callers[callID]?.callbackRequestedAt = now
        saveCallback(callID, attempts: 0)
        events.publish(.queueLeft(time: now, callID: callID, queue: caller.ticket.queue, reason: "callback",
                                  waitedSeconds: now - caller.joinedAt))
        apply(effects)
    }

    /// `.dialCallback`: a new customer call, placed once the number is allowed.
    func dialCustomer(callID: String, agent: String, number: String) {
        guard let caller = callers[callID] else {
            return apply(machine.handle(.callbackFailed(callID: callID, reason: .failed), at: now))
        }
        let settings = machine.settings(of: caller.ticket.queue)
        let from = settings?.callbackCallerID ?? caller.ticket.queue
        callers[callID]?.callbackDials += 1
        let dialNumber = callers[callID]?.callbackDials ?? 1
        var record = CallRecord(call: CallInfo(id: "\(callID)-cb\(dialNumber)", from: from, to: number, direction: .outbound))
        record.vars = caller.vars.merging(["callback_of": .string(callID), "queue": .string(caller.ticket.queue),
                                           "agent": .string(agent)]) { _, new in new }
        let serial = nextOffer
        nextOffer += 1
        customers[callID] = CustomerDial(serial: serial, record: record, startedAt: now)
        saveRecord(customers[callID])
        // Agent-first: the agent's answered leg hears ringback while the customer's phone rings.
        if let id = caller.talkingOn ?? offerID(callID: callID, agent: agent), let leg = offers[id]?.leg, offers[id]?.answered == true,
           let edge = callbackEdge {
            Task { await edge.ringback(on: leg) }
        }
        Task { await self.placeCustomer(callID: callID, serial: serial, number: number, from: from) }
    }

    func placeCustomer(callID: String, serial: UInt64, number: String, from: String) async {
        guard let targets = callbackTargets else { return customerFailed(callID, serial: serial, status: 503, "callbacks are not wired") }
        let target: DialTarget
        switch await targets.resolve(number) {
        case .success(let resolved): target = resolved
        case .failure(let refusal):
            logger.notice("callback \(callID) cannot dial \(number): \(refusal)")
            return customerFailed(callID, serial: serial, status: 403, refusal.description)
        }
        guard let caller = callers[callID], customers[callID]?.serial == serial, customers[callID]?.withdrawn == false else { return }
        var headers = ["X-Callgate-Callback": callID, "X-Callgate-Queue": caller.ticket.queue]
        if let agent = customers[callID]?.record.vars["agent"]?.scalarText { headers["X-Callgate-Agent"] = agent }
        let request = DialRequest(uri: target.uri, callerNumber: from, headers: headers, peer: target.peer, nextHop: target.nextHop)
        let leg: any DialedLeg
        do {
            leg = try await dialer.dial(request) { [weak self] event in await self?.customerEvent(callID, serial: serial, event) }
        } catch {
            logger.error("callback \(callID) could not dial \(number): \(error)")
            return customerFailed(callID, serial: serial, status: 500, "\(error)")
        }
        guard customers[callID]?.serial == serial, customers[callID]?.withdrawn == false else {
            await leg.hangUp()  // the attempt ended while the INVITE went out
            return
        }
        customers[callID]?.leg = leg
        // Answered before `dial` returned (its events are replayed inside it): catch up now.
        guard customers[callID]?.answered == true else { return }
        if let id = callers[callID]?.talkingOn, let agentLeg = offers[id]?.leg {
            bridgeCallback(callID: callID, agentLeg: agentLeg, recording: machine.settings(of: caller.ticket.queue)?.record == true)
        } else if let edge = callbackEdge {
            await edge.ringback(on: leg)
        }
    }

    /// What the dialer reports about the customer's leg.
    func customerEvent(_ callID: String, serial: UInt64, _ event: DialEvent) async {
        guard var dial = customers[callID], dial.serial == serial else { return }
        switch event {
        case .answered:
            guard !dial.withdrawn else {
                await dial.leg?.hangUp()
                return
            }
            dial.answered = true
            dial.record.answeredAt = now - dial.startedAt
            customers[callID] = dial
            saveRecord(dial)
            apply(machine.handle(.callbackAnswered(callID: callID), at: now))
            // Customer-first: the customer waits for the agent's phone with ringback.
            if customers[callID]?.answered == true, callers[callID]?.talkingOn == nil, let leg = dial.leg, let edge = callbackEdge {
                Task { await edge.ringback(on: leg) }
            }
        case .failed(let status, let reason):
            customerFailed(callID, serial: serial, status: status, reason)
        case .hungUp:
            end(&dial, disposition: "completed", by: "callee", reason: "the customer hung up")
            customers[callID] = nil
            guard !dial.withdrawn else { return }
            if let id = callers[callID]?.talkingOn, let offer = offers.removeValue(forKey: id) {
                if let leg = offer.leg { Task { await leg.hangUp() } }
                forgetCallback(callID)
                apply(machine.handle(.conversationEnded(callID: callID, by: .caller), at: now))
            } else {
                apply(machine.handle(.callerLeft(callID: callID, reason: .abandon), at: now))
            }
        }
    }

    func customerFailed(_ callID: String, serial: UInt64, status: Int, _ reason: String) {
        guard var dial = customers[callID], dial.serial == serial else { return }
        let failure = Self.failure(status)
        end(&dial, disposition: failure == .failed ? "failed" : failure.rawValue, by: "callee", reason: "\(status) \(reason)")
        customers[callID] = nil
        guard !dial.withdrawn else { return }
        apply(machine.handle(.callbackFailed(callID: callID, reason: failure), at: now))
    }

    /// `.hangUpCallback`: the attempt is over (rang out, dropped) or the agent hung up the conversation.
    func hangUpCustomer(_ callID: String) {
        guard var dial = customers[callID] else { return }
        dial.withdrawn = true
        if dial.answered { end(&dial, disposition: "completed", by: "engine", reason: "the conversation ended") }
        customers[callID] = dial.answered ? nil : dial   // an unanswered leg still reports its 487
        if let leg = dial.leg { Task { await leg.hangUp() } }
        if !machine.holds(callID) { forgetCallback(callID) }
    }

    func end(_ dial: inout CustomerDial, disposition: String, by: String, reason: String) {
        guard !dial.ended else { return }
        dial.ended = true
        dial.record.endedAt = now - dial.startedAt
        dial.record.disposition = disposition
        dial.record.hangupBy = by
        dial.record.hangupReason = reason
        saveRecord(dial)
    }

    /// Saves in order (start, answer, end): each write waits for the one before.
    func saveRecord(_ dial: CustomerDial?) {
        guard let dial, let edge = callbackEdge else { return }
        let record = dial.record, startedAt = dial.startedAt, previous = recordWrites
        recordWrites = Task {
            await previous?.value
            await edge.save(record, startedAt: startedAt)
        }
    }

    /// Waits until the customer calls' records so far are saved.
    public func flushCallbackRecords() async { await recordWrites?.value }

    /// Customer and agent talk (the machine's `.connected` for a callback).
    func bridgeCallback(callID: String, agentLeg: any DialedLeg, recording: Bool) {
        guard let customer = customers[callID]?.leg, let edge = callbackEdge else { return }
        Task { await edge.bridge(customer: customer, agent: agentLeg, recording: recording, callID: callID) }
    }

    /// The callback is over for the machine (completed and ended, or dropped): the driver lets go.
    func forgetCallback(_ callID: String) {
        guard callers[callID]?.isCallback == true else { return }
        callers[callID] = nil
    }
}
