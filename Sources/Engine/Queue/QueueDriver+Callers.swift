import CallgateCore

extension QueueDriver {
    /// A caller's scenario ran `enqueue`: the machine places the caller, the caller hears music.
    public func join(_ side: any QueueCaller, ticket: CallerTicket, vars: [String: JSONValue]) async {
        guard let settings = machine.settings(of: ticket.queue) else {
            await side.queueUnavailable("there is no queue named \(ticket.queue)")
            return
        }
        callers[ticket.callID] = Caller(side: side, ticket: ticket, vars: vars, joinedAt: now)
        let effects = machine.handle(.callerJoined(ticket), at: now)
        let waiting = machine.snapshot(at: now).queues.first { $0.name == ticket.queue }?.waiting
        if let position = waiting?.first(where: { $0.callID == ticket.callID })?.position {
            events.publish(.queueJoined(time: now, callID: ticket.callID, queue: ticket.queue, position: position,
                                        priority: ticket.priority, callerNumber: ticket.callerNumber, callerName: ticket.callerName))
        }
        apply(effects)
        // Decided on the actor first, so a caller refused at once (full, no agents) hears no music.
        if callers[ticket.callID] != nil {
            await side.startMusicOnHold(settings.musicOnHold)
        }
    }

    /// The caller pressed the exit key, hung up, or the call failed while waiting or talking.
    public func callerLeft(_ callID: String, reason: String) {
        if reason == "callback" { return requestCallback(callID) }
        guard callers[callID]?.isCallback != true else { return }  // the call that asked for it ends: the callback goes on
        guard let caller = callers.removeValue(forKey: callID) else { return }
        let byKey = reason == "key"
        if let id = caller.talkingOn, let offer = offers.removeValue(forKey: id) {
            if let leg = offer.leg { Task { await leg.hangUp() } }
            apply(machine.handle(.conversationEnded(callID: callID, by: .caller), at: now))
        } else {
            apply(machine.handle(.callerLeft(callID: callID, reason: byKey ? .exitKey : .abandon), at: now))
        }
        events.publish(.queueLeft(time: now, callID: callID, queue: caller.ticket.queue, reason: byKey ? "key" : "abandon",
                                  waitedSeconds: now - caller.joinedAt))
    }

    /// Callers in the driver's hands now (waiting or talking).
    public var callerCount: Int { callers.count }
}
