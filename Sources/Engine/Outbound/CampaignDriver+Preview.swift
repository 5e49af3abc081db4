import CallgateCore

/// Preview dialing: an agent asks for the next contact, which is reserved to them, looks at it,
/// and asks for the call; the agent's phone rings first and the contact is dialed once the agent
/// answers (`OriginateConnect.agent(_, agentFirst: true)`).
extension CampaignDriver {
    /// The contact reserved to the agent, or the next due one, now reserved to them.
    public func previewNext(campaign name: String, agent: String) async throws(CampaignError) -> CampaignContact {
        let record = try await previewCampaign(name)
        do {
            if let reserved = try await store.reservedContact(campaign: name, agent: agent) { return reserved }
            // A contact another agent reserved in between is skipped; a few rounds at most.
            for _ in 0..<5 {
                let candidates = try await store.dueCandidates(campaign: name, at: now, limit: 100)
                let blocked = try await store.doNotCall(among: candidates.map(\.number))
                let decision = CampaignSchedule.decide(candidates, definition: record.definition, doNotCall: blocked, at: now, limit: 1)
                try await store.closeContacts(decision.blocked.map(\.id), as: .dnc)
                guard let next = decision.due.first else { break }
                if try await store.reserveContact(next.id, for: agent), let contact = try await store.contact(id: next.id) {
                    await publishProgress(name)
                    return contact
                }
            }
        } catch let error as CampaignError {
            throw error
        } catch {
            throw .unavailable("campaign \(name): the store failed: \(error)")
        }
        throw .noContact("campaign \(name) has no contact due now (calling window, retry delays, or all done)")
    }

    /// Places the call to the contact reserved to the agent: the agent's phone rings first.
    /// Returns the call's id.
    public func previewDial(campaign name: String, agent: String) async throws(CampaignError) -> String {
        let record = try await previewCampaign(name)
        let start: AttemptStart
        do {
            guard let contact = try await store.reservedContact(campaign: name, agent: agent) else {
                throw CampaignError.noContact("agent \(agent) has no contact of campaign \(name) reserved: ask for the next one first")
            }
            start = try await store.beginAttempt(contact: contact.id, at: now, reservedFor: agent)
        } catch let error as CampaignError {
            throw error
        } catch {
            throw .unavailable("campaign \(name): the store failed: \(error)")
        }
        switch start {
        case .doNotCall: throw .noContact("the reserved contact's number is on the do-not-call list now; ask for the next one")
        case .unavailable: throw .noContact("the reserved contact is no longer waiting; ask for the next one")
        case .began(let attempt, let contact):
            guard let callID = await place(attempt, contact, record.definition, connect: .agent(agent, agentFirst: true)) else {
                throw .noContact("the call to \(contact.number) could not be placed (see the campaign's attempts)")
            }
            return callID
        }
    }

    func previewCampaign(_ name: String) async throws(CampaignError) -> CampaignRecord {
        let records: [CampaignRecord]
        do { records = try await store.campaigns() } catch { throw .unavailable("the store failed: \(error)") }
        guard let record = records.first(where: { $0.name == name }) else { throw .unknownCampaign(name) }
        guard record.definition.kind == .agent, record.definition.mode == .preview else {
            throw .invalid(field: "mode", "campaign \(name) is not a preview campaign")
        }
        guard record.state == .running else { throw .wrongState(campaign: name, state: record.state, command: "preview") }
        return record
    }
}
