import CallgateCore

extension QueueDriver {
    /// Carries out the machine's effects. Nothing here waits: leg work and the caller side run in
    /// tasks, and every decision about an offer is made here, on the actor, in effect order.
    func apply(_ effects: [ACDEffect]) {
        for effect in effects {
            switch effect {
            case .offer(let callID, let agent):
                let id = nextOffer
                nextOffer += 1
                offers[id] = Offer(callID: callID, agent: agent)
                Task { await self.place(id) }
            case .cancelOffer(let callID, let agent):
                withdraw(callID: callID, agent: agent)
            case .connected(let callID, let agent):
                connect(callID: callID, agent: agent)
            case .callerDone(let callID, let reason, let details):
                guard let caller = callers.removeValue(forKey: callID) else { break }
                events.publish(.queueLeft(time: now, callID: callID, queue: caller.ticket.queue, reason: reason.rawValue,
                                          waitedSeconds: now - caller.joinedAt))
                Task { await caller.side.leftQueue(reason: reason.rawValue, details: details) }
            case .announce(let callID, let position, let wait):
                guard let caller = callers[callID] else { break }
                let text = Self.announcement(position: position, wait: wait)
                Task { await caller.side.announce(text) }
            case .startTimer(let timer, let seconds):
                timers[timer]?.cancel()
                timers[timer] = Task { [clock] in
                    do { try await clock.sleep(for: .milliseconds(Int((seconds * 1000).rounded()))) } catch { return }
                    await self.timerFired(timer)
                }
            case .cancelTimer(let timer):
                timers.removeValue(forKey: timer)?.cancel()
            case .agentStatus(let agent, let status, let reason):
                let previous = reported[agent] ?? .loggedOut
                reported[agent] = status.kind
                var callID: String?
                if case .ringing(let id) = status { callID = id } else if case .onCall(let id) = status { callID = id }
                events.publish(.agentStatus(time: now, agent: agent, status: status.kind, previous: previous,
                                            reason: reason.rawValue, callID: callID))
            case .dialCallback(let callID, let agent, let number):
                dialCustomer(callID: callID, agent: agent, number: number)
            case .hangUpCallback(let callID):
                hangUpCustomer(callID)
            case .log(let entry):
                if let callID = entry.callID {
                    switch entry.event {
                    case .callbackAttempt: saveCallback(callID, attempts: entry.reason.flatMap { Int($0) } ?? 1)
                    case .callbackCompleted: removeCallback(callID)  // served: a restart from here on must not call again
                    case .callbackFailed:
                        removeCallback(callID)
                        forgetCallback(callID)
                    default: break
                    }
                }
                pendingLog.append(entry)
                if !writingLog { Task { await self.writeQueueLog() } }
            case .refused(let error):
                logger.notice("queue request refused: \(error)")
            }
        }
    }

    /// The words of a position and wait announcement.
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
