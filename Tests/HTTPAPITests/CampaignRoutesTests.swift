import CallgateCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing
@testable import HTTPAPI

/// `/api/campaigns` and `/api/do-not-call` over real sockets, against a backend that keeps
/// campaigns in memory and refuses as the engine does.
@Suite struct CampaignRoutesTests {
    func app(_ backend: CampaignsBackend = CampaignsBackend()) -> some ApplicationProtocol {
        var logger = Logger(label: "HTTPAPITests")
        logger.logLevel = .warning
        return HTTPAPI.makeApplication(address: .hostname("127.0.0.1", port: 0), version: "1.2.3", token: testToken,
                                       backend: backend, logger: logger)
    }

    static let outage = #"{"name": "outage", "kind": "notification", "route": "7000", "window": {"start": "08:00", "end": "21:00", "time_zone": "Europe/Berlin"}, "max_attempts": 2}"#

    @Test func aCampaignIsCreatedShownListedAndCommanded() async throws {
        try await app().test(.router) { client in
            let created = try await client.execute(uri: "/api/campaigns", method: .post, headers: .authorized, body: .json(Self.outage))
            #expect(created.status == .created)
            let body = try created.json
            #expect(body["name"] as? String == "outage" && body["state"] as? String == "draft")
            let definition = try #require(body["definition"] as? [String: Any])
            #expect(definition["max_attempts"] as? Int == 2 && definition["ring_seconds"] as? Int == 30)
            #expect((definition["window"] as? [String: Any])?["start"] as? String == "08:00")
            #expect((body["figures"] as? [String: Any])?["contacts"] as? Int == 0)

            let again = try await client.execute(uri: "/api/campaigns", method: .post, headers: .authorized, body: .json(Self.outage))
            #expect(try again.status == .conflict && (again.json["error"] as? String) == "exists")

            let started = try await client.execute(uri: "/api/campaigns/outage/start", method: .post, headers: .authorized)
            #expect(try started.status == .ok && (started.json["state"] as? String) == "running")
            let resumed = try await client.execute(uri: "/api/campaigns/outage/resume", method: .post, headers: .authorized)
            #expect(try resumed.status == .conflict && (resumed.json["error"] as? String) == "wrong_state")
            let list = try await client.execute(uri: "/api/campaigns", method: .get, headers: .authorized)
            #expect(try (list.json["campaigns"] as? [[String: Any]])?.map { $0["state"] as? String } == ["running"])
            let missing = try await client.execute(uri: "/api/campaigns/nope", method: .get, headers: .authorized)
            #expect(missing.status == .notFound)
            let anonymous = try await client.execute(uri: "/api/campaigns", method: .get)
            #expect(anonymous.status == .unauthorized)
        }
    }

    @Test func badDefinitionsAreRefusedNamingTheField() async throws {
        try await app().test(.router) { client in
            /// "400 field" for a refused body.
            func post(_ body: String) async throws -> String {
                let response = try await client.execute(uri: "/api/campaigns", method: .post, headers: .authorized, body: .json(body))
                return "\(response.status.code) \(try response.json["field"] as? String ?? "-")"
            }
            let answer1 = try await post(#"{"name": "x", "kind": "notification", "route": "7000", "max_atempts": 2}"#)
            #expect(answer1 == "400 max_atempts")
            let answer2 = try await post(#"{"name": "x", "kind": "notification", "route": "7000", "max_attempts": "two"}"#)
            #expect(answer2 == "400 max_attempts")
            let answer3 = try await post(#"{"name": "x", "kind": "robocall"}"#)
            #expect(answer3 == "400 kind")
            let answer4 = try await post(#"{"kind": "notification"}"#)
            #expect(answer4 == "400 name")
            let answer5 = try await post(#"{"name": "x", "kind": "agent", "queue": "sales"}"#)
            #expect(answer5 == "400 mode")
            let answer6 = try await post(#"{"name": "x", "kind": "notification", "route": "1", "window": {"time_zone": "Mars/Base"}}"#)
            #expect(answer6 == "400 window.time_zone")
            #expect(try await post("[1]") == "400 body")
        }
    }

    @Test func contactsAreImportedFromACSVBodyAndResultsExportedAsCSV() async throws {
        let backend = CampaignsBackend()
        try await app(backend).test(.router) { client in
            _ = try await client.execute(uri: "/api/campaigns", method: .post, headers: .authorized, body: .json(Self.outage))
            let csv = "number,name\n+4930111,Anna\nn/a,Bob\n"
            let imported = try await client.execute(uri: "/api/campaigns/outage/contacts", method: .post, headers: .authorized,
                                                    body: ByteBuffer(string: csv))
            #expect(imported.status == .ok)
            #expect(imported.text == #"{"imported":1,"skipped":[{"line":3,"message":"\"n/a\" is not a phone number","reason":"bad"}]}"#)
            #expect(backend.lastCSV == csv)
            let empty = try await client.execute(uri: "/api/campaigns/outage/contacts", method: .post, headers: .authorized)
            #expect(empty.status == .badRequest)

            let attempts = try await client.execute(uri: "/api/campaigns/outage/export", method: .get, headers: .authorized)
            #expect(attempts.status == .ok && attempts.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(attempts.text == "per attempt\r\n")
            let contacts = try await client.execute(uri: "/api/campaigns/outage/export?per=contact", method: .get, headers: .authorized)
            #expect(contacts.text == "per contact\r\n")
            let bad = try await client.execute(uri: "/api/campaigns/outage/export?per=day", method: .get, headers: .authorized)
            #expect(bad.status == .badRequest)
        }
    }

    @Test func theDoNotCallListAndPreviewDialing() async throws {
        try await app().test(.router) { client in
            let added = try await client.execute(uri: "/api/do-not-call", method: .post, headers: .authorized,
                                                 body: .json(#"{"add": ["+4930555", "+4930666"]}"#))
            #expect(try added.status == .ok && (added.json["changed"] as? Int) == 2)
            let list = try await client.execute(uri: "/api/do-not-call", method: .get, headers: .authorized)
            #expect(try (list.json["numbers"] as? [String]) == ["+4930555", "+4930666"])
            let nothing = try await client.execute(uri: "/api/do-not-call", method: .post, headers: .authorized, body: .json("{}"))
            #expect(nothing.status == .badRequest)

            let next = try await client.execute(uri: "/api/campaigns/loans/preview", method: .post, headers: .authorized,
                                                body: .json(#"{"agent": "1001"}"#))
            #expect(next.status == .ok)
            #expect(next.text == #"{"attempts":0,"campaign":"loans","contact_id":7,"number":"+4930111","timezone":null,"vars":{"name":"Anna"}}"#)
            let dialed = try await client.execute(uri: "/api/campaigns/loans/preview/dial", method: .post, headers: .authorized,
                                                  body: .json(#"{"agent": "1001"}"#))
            #expect(try dialed.status == .ok && (dialed.json["call_id"] as? String) == "call-1001")
            let noAgent = try await client.execute(uri: "/api/campaigns/loans/preview", method: .post, headers: .authorized, body: .json("{}"))
            #expect(try noAgent.status == .badRequest && (noAgent.json["field"] as? String) == "agent")
            let none = try await client.execute(uri: "/api/campaigns/loans/preview/dial", method: .post, headers: .authorized,
                                                body: .json(#"{"agent": "1002"}"#))
            #expect(try none.status == .notFound && (none.json["error"] as? String) == "no_contact")
        }
    }
}

/// Campaigns in memory, refusing as the engine does; contacts and exports are canned.
final class CampaignsBackend: OperationsBackend, CampaignBackend {
    private struct State {
        var campaigns: [String: CampaignRecord] = [:]
        var numbers: [String] = []
        var lastCSV: String?
    }
    private let state = Mutex(State())

    var lastCSV: String? { state.withLock { $0.lastCSV } }

    func campaigns() async throws(CampaignError) -> [CampaignView] {
        state.withLock { $0.campaigns.values.sorted { $0.name < $1.name }.map { CampaignView(record: $0, figures: CampaignFigures(), liveCalls: 0) } }
    }

    func campaign(_ name: String) async throws(CampaignError) -> CampaignView {
        guard let record = state.withLock({ $0.campaigns[name] }) else { throw .unknownCampaign(name) }
        return CampaignView(record: record, figures: CampaignFigures(), liveCalls: 0)
    }

    func createCampaign(_ definition: CampaignDefinition) async throws(CampaignError) -> CampaignView {
        let created = state.withLock { state -> Bool in
            guard state.campaigns[definition.name] == nil else { return false }
            state.campaigns[definition.name] = CampaignRecord(definition: definition, state: .draft, createdAt: 1, updatedAt: 1)
            return true
        }
        guard created else { throw .exists(definition.name) }
        return try await campaign(definition.name)
    }

    func importContacts(campaign: String, csv: String) async throws(CampaignError) -> ContactImportView {
        state.withLock { $0.lastCSV = csv }
        return ContactImportView(imported: 1, skipped: [.init(line: 3, reason: "bad", message: "\"n/a\" is not a phone number")])
    }

    func command(_ command: CampaignState.Command, campaign: String) async throws(CampaignError) -> CampaignView {
        let result: Result<Void, CampaignError> = state.withLock { state in
            guard let record = state.campaigns[campaign] else { return .failure(.unknownCampaign(campaign)) }
            guard let next = record.state.applying(command) else {
                return .failure(.wrongState(campaign: campaign, state: record.state, command: command.rawValue))
            }
            state.campaigns[campaign]?.state = next
            return .success(())
        }
        try result.get()
        return try await self.campaign(campaign)
    }

    func export(campaign: String, contacts: Bool) async throws(CampaignError) -> String { contacts ? "per contact\r\n" : "per attempt\r\n" }

    func doNotCall() async throws(CampaignError) -> [String] { state.withLock { $0.numbers } }

    func changeDoNotCall(add: [String], remove: [String]) async throws(CampaignError) -> Int {
        state.withLock { state in
            state.numbers = (state.numbers + add).filter { !remove.contains($0) }
            return add.count + remove.count
        }
    }

    func previewNext(campaign: String, agent: String) async throws(CampaignError) -> PreviewContactView {
        PreviewContactView(CampaignContact(id: 7, campaign: campaign, number: "+4930111", timeZone: nil, vars: ["name": "Anna"],
                                           state: .reserved, attempts: 0, lastOutcome: nil, nextAttemptAt: 0, reservedBy: agent))
    }

    func previewDial(campaign: String, agent: String) async throws(CampaignError) -> String {
        guard agent == "1001" else { throw .noContact("agent \(agent) has no contact of campaign \(campaign) reserved") }
        return "call-\(agent)"
    }

    func status() async -> EngineStatus { EngineStatus(version: "1.2.3", activeCalls: 0, registeredAgents: 0, uptimeSeconds: 60) }
    func queues() async -> [QueueView] { [] }
    func agents() async -> [AgentView] { [] }
    func login(agent: String, queues: [String]?) async throws(OperationsError) { throw .unknownAgent(agent) }
    func logout(agent: String) async throws(OperationsError) { throw .unknownAgent(agent) }
    func pause(agent: String, reason: String) async throws(OperationsError) { throw .unknownAgent(agent) }
    func unpause(agent: String) async throws(OperationsError) { throw .unknownAgent(agent) }
    func events() -> AsyncStream<EngineEvent> { AsyncStream { $0.finish() } }
}
