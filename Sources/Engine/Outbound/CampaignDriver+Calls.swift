import CallgateCore

extension CampaignDriver {
    /// Places the call of an attempt already written, and notes its id; a refusal ends the
    /// attempt as `refused` at once.
    /// Returns the call's id; nil when it was refused.
    @discardableResult
    func place(_ attempt: CampaignAttempt, _ contact: CampaignContact, _ definition: CampaignDefinition,
               connect: OriginateConnect) async -> String? {
        live[attempt.id] = LiveAttempt(campaign: attempt.campaign, startedAt: attempt.startedAt)
        pacers[attempt.campaign]?.record(.placed, at: time.elapsed)
        var vars = contact.vars
        vars["campaign"] = .string(attempt.campaign)
        vars["campaign_contact_id"] = .number(Double(contact.id))
        vars["campaign_attempt"] = .number(Double(attempt.attempt))
        let request = OriginateRequest(to: contact.number, callerID: definition.callerID, ringSeconds: definition.ringSeconds,
                                       vars: vars, connect: connect, machineDetection: definition.machineDetection,
                                       headers: ["X-Callgate-Campaign": attempt.campaign])
        let id = attempt.id
        do {
            let callID = try await originator.originate(request) { record in await self.ended(attempt: id, record) }
            // The call may have ended already (a fast busy): then `ended` removed it, and the
            // store ignores a placed note on an ended attempt.
            live[id]?.callID = callID
            try? await store.attemptPlaced(id, callID: callID)
            return callID
        } catch {
            live[id] = nil
            pacers[attempt.campaign]?.record(.unanswered, at: time.elapsed)
            logger.warning("campaign \(attempt.campaign): call to \(contact.number) refused: \(error)")
            await finish(id, AttemptResult(outcome: .refused, disposition: "refused_\(error.kind.rawValue)", endedAt: now),
                         campaign: attempt.campaign)
            return nil
        }
    }

    /// The call of an attempt is over: its outcome goes to the pacer and the store.
    func ended(attempt id: Int64, _ record: CallRecord) async {
        guard let attempt = live.removeValue(forKey: id) else { return }
        let outcome = AttemptOutcome.of(disposition: record.disposition, machine: record.amd,
                                        answered: record.answeredAt != nil, connectResult: record.vars["connect_result"]?.scalarText)
        let at = time.elapsed
        switch outcome {
        case .answered, .abandoned:
            if attempt.connectedAt == nil { pacers[attempt.campaign]?.record(.answered, at: at) }
            if outcome == .abandoned {
                pacers[attempt.campaign]?.record(.abandoned, at: at)
            } else if let connectedAt = attempt.connectedAt {
                pacers[attempt.campaign]?.record(.handled(seconds: max(0, now - connectedAt)), at: at)
            }
        default:
            pacers[attempt.campaign]?.record(.unanswered, at: at)
        }
        let answeredAt = record.answeredAt.map { attempt.startedAt + $0 }
        await finish(id, AttemptResult(outcome: outcome, disposition: record.disposition, amd: record.amd,
                                       answeredAt: answeredAt, endedAt: now), campaign: attempt.campaign)
    }

    func finish(_ id: Int64, _ result: AttemptResult, campaign: String) async {
        do { try await store.finishAttempt(id, result) } catch {
            logger.error("campaign \(campaign): cannot record the end of attempt \(id): \(error)")
        }
        await publishProgress(campaign)
    }
}

/// What an answered campaign call does.
enum CampaignConnect {
    /// The regulators' connect window: an answered call waits at most this long for an agent.
    static let connectWindow = 2

    /// Notification campaigns run their route's scenario; agent campaigns put the answered call
    /// in their queue for the connect window, then play the abandon message (machines are never
    /// queued).
    static func connect(for definition: CampaignDefinition) -> OriginateConnect {
        switch definition.kind {
        case .notification: .route(definition.route ?? "")
        case .agent: .queue(definition.queue ?? "", connectWindow: connectWindow, abandonPrompt: definition.abandonMessage)
        }
    }
}
