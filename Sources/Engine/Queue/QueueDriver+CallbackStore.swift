import CallgateCore

/// Keeping callbacks across restarts: every change is written in order, one write after the
/// other; a failed write is logged and the callback goes on in memory.
extension QueueDriver {
    /// Puts the saved callbacks back in line, in order of arrival, before any caller can join.
    func restoreCallbacks() async {
        guard let callbackStore else { return }
        let saved: [SavedCallback]
        do { saved = try await callbackStore.savedCallbacks() } catch {
            logger.error("could not load the waiting callbacks: \(error)")
            return
        }
        for callback in saved {
            let id = callback.ticket.callID
            callers[id] = Caller(side: EndedCall(), ticket: callback.ticket, vars: callback.vars, joinedAt: callback.joinedAt,
                                 isCallback: true, callbackRequestedAt: callback.requestedAt)
            let effects = machine.handle(.callbackRestored(callback.ticket, joinedAt: callback.joinedAt, requestedAt: callback.requestedAt,
                                                           attempts: callback.attempts), at: now)
            if effects.contains(where: { if case .refused = $0 { true } else { false } }) {
                callers[id] = nil  // its queue is no longer configured
                logger.notice("callback \(id) for queue \(callback.ticket.queue) is dropped: the queue is not configured")
                persist { try await callbackStore.remove(callID: id) }
            }
            apply(effects)
        }
        if !saved.isEmpty { logger.info("\(saved.count) waiting callback(s) back in line") }
    }

    /// Saves the callback with its attempts so far.
    func saveCallback(_ callID: String, attempts: Int) {
        guard let callbackStore, let caller = callers[callID] else { return }
        let saved = SavedCallback(ticket: caller.ticket, vars: caller.vars, joinedAt: caller.joinedAt,
                                  requestedAt: caller.callbackRequestedAt ?? now, attempts: attempts)
        persist { try await callbackStore.save(saved) }
    }

    func removeCallback(_ callID: String) {
        guard let callbackStore else { return }
        persist { try await callbackStore.remove(callID: callID) }
    }

    /// Runs the write after the ones before it (records and callbacks share the order).
    func persist(_ write: @escaping @Sendable () async throws -> Void) {
        let previous = recordWrites, logger = logger
        recordWrites = Task {
            await previous?.value
            do { try await write() } catch { logger.error("could not save a callback: \(error)") }
        }
    }
}
