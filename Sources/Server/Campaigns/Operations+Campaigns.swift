import CallgateCore
import Engine
import Foundation
import HTTPAPI
import Storage

/// `/api/campaigns`: the store for what is kept, the driver for what is live.
extension Operations: CampaignBackend {
    func campaigns() async throws(CampaignError) -> [CampaignView] {
        let store = try store()
        return try await Self.storing {
            var views: [CampaignView] = []
            for record in try await store.campaigns() { views.append(try await view(record, store)) }
            return views
        }
    }

    func campaign(_ name: String) async throws(CampaignError) -> CampaignView {
        let store = try store()
        return try await Self.storing {
            guard let record = try await store.campaign(named: name) else { throw CampaignError.unknownCampaign(name) }
            return try await view(record, store)
        }
    }

    func createCampaign(_ definition: CampaignDefinition) async throws(CampaignError) -> CampaignView {
        let store = try store()
        try await Self.storing { try await store.createCampaign(definition, at: Date().timeIntervalSince1970) }
        return try await campaign(definition.name)
    }

    func importContacts(campaign: String, csv: String) async throws(CampaignError) -> ContactImportView {
        let store = try store()
        return try await Self.storing {
            do {
                let report = try await store.importContacts(campaign: campaign, csv: csv, at: Date().timeIntervalSince1970)
                return ContactImportView(imported: report.imported, skipped: report.skipped.map {
                    ContactImportView.Skipped(line: $0.line, reason: $0.kind.rawValue, message: $0.message)
                })
            } catch let error as ContactFileError {
                throw CampaignError.invalid(field: "body", error.description)
            }
        }
    }

    func command(_ command: CampaignState.Command, campaign: String) async throws(CampaignError) -> CampaignView {
        let store = try store()
        _ = try await Self.storing { try await store.commandCampaign(campaign, command, at: Date().timeIntervalSince1970) }
        return try await self.campaign(campaign)
    }

    func export(campaign: String, contacts: Bool) async throws(CampaignError) -> String {
        let store = try store()
        return try await Self.storing {
            contacts ? try await store.exportContactsCSV(campaign: campaign) : try await store.exportAttemptsCSV(campaign: campaign)
        }
    }

    func doNotCall() async throws(CampaignError) -> [String] {
        let store = try store()
        return try await Self.storing { try await store.doNotCallList().map(\.number) }
    }

    func changeDoNotCall(add: [String], remove: [String]) async throws(CampaignError) -> Int {
        let store = try store()
        return try await Self.storing {
            try await store.addDoNotCall(add, at: Date().timeIntervalSince1970) + (try await store.removeDoNotCall(remove))
        }
    }

    func previewNext(campaign: String, agent: String) async throws(CampaignError) -> PreviewContactView {
        try knownAgent(agent)
        return PreviewContactView(try await driver().previewNext(campaign: campaign, agent: agent))
    }

    func previewDial(campaign: String, agent: String) async throws(CampaignError) -> String {
        try knownAgent(agent)
        return try await driver().previewDial(campaign: campaign, agent: agent)
    }

    private func knownAgent(_ agent: String) throws(CampaignError) {
        guard agentExtensions.contains(agent) else { throw .invalid(field: "agent", "no agent with extension \(agent)") }
    }

    private func store() throws(CampaignError) -> CallStore {
        guard let campaigns = campaignEngine else { throw .unavailable("this engine keeps no campaigns") }
        return campaigns.store
    }

    private func driver() throws(CampaignError) -> CampaignDriver<ContinuousClock> {
        guard let driver = campaignEngine?.driver else { throw .unavailable("this engine cannot place calls yet") }
        return driver
    }

    private func view(_ record: CampaignRecord, _ store: CallStore) async throws -> CampaignView {
        let live = await campaignEngine?.driver?.liveCalls(campaign: record.name) ?? 0
        return CampaignView(record: record, figures: try await store.campaignFigures(record.name), liveCalls: live)
    }

    /// The store's own errors are the engine's trouble, not the client's.
    private static func storing<T>(_ body: () async throws -> T) async throws(CampaignError) -> T {
        do { return try await body() } catch let error as CampaignError { throw error } catch {
            throw .unavailable("the campaign store failed: \(error)")
        }
    }
}
