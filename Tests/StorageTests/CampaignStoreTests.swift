import CallgateCore
import Foundation
import GRDB
import Testing

@testable import Storage

/// Campaigns in SQLite: definitions and states, CSV import, attempts written before their calls,
/// the do-not-call list, and what a restart finds.
@Suite struct CampaignStoreTests {
    static let t0 = 1_796_720_000.0

    static func notification(_ name: String = "outage", maxAttempts: Int = 2) -> CampaignDefinition {
        var d = CampaignDefinition(name: name, kind: .notification, route: "7000")
        d.maxAttempts = maxAttempts
        d.retryDelays = RetryDelays(busy: 300, noAnswer: 600, machine: 900, failed: 120)
        return d
    }

    static let csv = """
        number,name,district,timezone
        +49 30 1111,Anna,Mitte,Europe/Berlin
        not-a-number,Bob,Pankow,
        +49301111,Anna again,Mitte,
        0301234567,"Müller, Carl",Wedding,
        +4930999,Dora,Moabit
        +4930777,Erik,Tegel,Mars/Base
        +4930555,Fritz,Spandau,

        """

    @Test func campaignsAreCreatedOnceAndMovedByCommands() async throws {
        let store = try CallStore.inMemory()
        try await store.createCampaign(Self.notification(), at: Self.t0)
        await #expect(throws: CampaignError.exists("outage")) { try await store.createCampaign(Self.notification(), at: Self.t0) }
        var bad = Self.notification("bad")
        bad.route = nil
        await #expect(throws: CampaignError.self) { try await store.createCampaign(bad, at: Self.t0) }
        let stored = try #require(try await store.campaign(named: "outage"))
        #expect(stored.state == .draft && stored.definition == Self.notification())
        #expect(try await store.commandCampaign("outage", .start, at: Self.t0) == .running)
        await #expect(throws: CampaignError.wrongState(campaign: "outage", state: .running, command: "resume")) {
            try await store.commandCampaign("outage", .resume, at: Self.t0)
        }
        #expect(try await store.commandCampaign("outage", .pause, at: Self.t0) == .paused)
        #expect(try await store.commandCampaign("outage", .stop, at: Self.t0) == .stopped)
        await #expect(throws: CampaignError.unknownCampaign("nope")) { try await store.commandCampaign("nope", .start, at: Self.t0) }
        #expect(try await store.campaigns().map(\.name) == ["outage"])
    }

    @Test func importSkipsBadRowsDuplicatesAndDoNotCallNumbersByLine() async throws {
        let store = try CallStore.inMemory()
        try await store.createCampaign(Self.notification(), at: Self.t0)
        try await store.addDoNotCall(["+49 30 555"], at: Self.t0)
        let report = try await store.importContacts(campaign: "outage", csv: Self.csv, at: Self.t0)
        #expect(report.imported == 2)
        #expect(report.skipped.map(\.line) == [3, 4, 6, 7, 8])
        #expect(report.skipped.map(\.kind) == [.bad, .duplicate, .bad, .bad, .doNotCall])
        #expect(report.skipped[1].message == "+49301111 is on line 2 already")
        let contacts = try await store.contacts(campaign: "outage")
        #expect(contacts.map(\.number) == ["+49301111", "0301234567"])
        #expect(contacts[0].timeZone == "Europe/Berlin" && contacts[1].timeZone == nil)
        #expect(contacts[1].vars == ["name": "Müller, Carl", "district": "Wedding"])
        // A spreadsheet's export: a byte-order mark, Windows line ends, spaces in the header.
        let windows = try await store.importContacts(campaign: "outage", csv: "\u{FEFF}number, name\r\n+4930333,Eve\r\n", at: Self.t0)
        #expect(windows.imported == 1 && windows.skipped.isEmpty)
        #expect(try await store.contacts(campaign: "outage").last?.vars == ["name": "Eve"])
        // The same file again: everything is a duplicate now.
        let again = try await store.importContacts(campaign: "outage", csv: Self.csv, at: Self.t0)
        #expect(again.imported == 0)
        await #expect(throws: ContactFileError.self) {
            try await store.importContacts(campaign: "outage", csv: "phone,name\n+491,x\n", at: Self.t0)
        }
        await #expect(throws: CampaignError.unknownCampaign("nope")) {
            try await store.importContacts(campaign: "nope", csv: "number\n+4930111\n", at: Self.t0)
        }
    }

    @Test func anAttemptIsWrittenBeforeItsCallAndMovesItsContactOn() async throws {
        let store = try CallStore.inMemory()
        try await store.createCampaign(Self.notification(), at: Self.t0)
        _ = try await store.importContacts(campaign: "outage", csv: "number\n+4930111\n", at: Self.t0)
        let contact = try #require(try await store.contacts(campaign: "outage").first)
        guard case .began(let first, _) = try await store.beginAttempt(contact: contact.id, at: Self.t0) else {
            Issue.record("no attempt")
            return
        }
        #expect(first.attempt == 1 && first.state == .dialing)
        #expect(try await store.beginAttempt(contact: contact.id, at: Self.t0) == .unavailable, "one attempt at a time")
        try await store.attemptPlaced(first.id, callID: "call-1")
        try await store.finishAttempt(first.id, AttemptResult(outcome: .busy, disposition: "busy", endedAt: Self.t0 + 5))
        var now = try #require(try await store.contact(id: contact.id))
        #expect(now.state == .pending && now.attempts == 1 && now.nextAttemptAt == Self.t0 + 305 && now.lastOutcome == .busy)
        guard case .began(let second, _) = try await store.beginAttempt(contact: contact.id, at: Self.t0 + 305) else {
            Issue.record("no second attempt")
            return
        }
        try await store.finishAttempt(second.id, AttemptResult(outcome: .noAnswer, disposition: "no_answer", endedAt: Self.t0 + 340))
        now = try #require(try await store.contact(id: contact.id))
        #expect(now.state == .failed, "two attempts were allowed")
        let figures = try await store.campaignFigures("outage")
        #expect(figures.attempts == 2 && figures.outcomes == ["busy": 1, "no_answer": 1] && figures.done == 1)
    }

    @Test func aNumberAddedToTheListIsNotCalled() async throws {
        let store = try CallStore.inMemory()
        try await store.createCampaign(Self.notification(), at: Self.t0)
        _ = try await store.importContacts(campaign: "outage", csv: "number\n+4930111\n", at: Self.t0)
        let contact = try #require(try await store.contacts(campaign: "outage").first)
        #expect(try await store.addDoNotCall(["+49-30-111"], at: Self.t0) == 1)
        #expect(try await store.beginAttempt(contact: contact.id, at: Self.t0) == .doNotCall)
        #expect(try await store.contact(id: contact.id)?.state == .dnc)
        #expect(try await store.doNotCallList().map(\.number) == ["+4930111"])
        #expect(try await store.removeDoNotCall(["+4930111"]) == 1)
        await #expect(throws: CampaignError.self) { try await store.addDoNotCall(["call me"], at: Self.t0) }
    }

    @Test func aRestartClosesOpenAttemptsAsInterruptedAndNeverRepeatsAnAttemptNumber() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        do {
            let store = try CallStore(path: folder.databasePath)
            try await store.createCampaign(Self.notification(maxAttempts: 3), at: Self.t0)
            _ = try await store.importContacts(campaign: "outage", csv: "number\n+4930111\n+4930222\n", at: Self.t0)
            let contacts = try await store.contacts(campaign: "outage")
            // One attempt written and its call placed; one written and the engine died before placing it.
            guard case .began(let placed, _) = try await store.beginAttempt(contact: contacts[0].id, at: Self.t0),
                  case .began = try await store.beginAttempt(contact: contacts[1].id, at: Self.t0) else {
                Issue.record("no attempts")
                return
            }
            try await store.attemptPlaced(placed.id, callID: "call-1")
        }
        let store = try CallStore(path: folder.databasePath)
        #expect(try await store.closeInterruptedAttempts(at: Self.t0 + 100) == 2)
        #expect(try await store.closeInterruptedAttempts(at: Self.t0 + 100) == 0)
        let attempts = try await store.attempts(campaign: "outage")
        #expect(attempts.map(\.outcome) == [.interrupted, .interrupted])
        #expect(attempts.map(\.callID) == ["call-1", nil])
        for contact in try await store.contacts(campaign: "outage") {
            #expect(contact.state == .pending && contact.attempts == 1 && contact.nextAttemptAt == Self.t0 + 220)
            guard case .began(let next, _) = try await store.beginAttempt(contact: contact.id, at: Self.t0 + 220) else {
                Issue.record("no retry")
                return
            }
            #expect(next.attempt == 2)
        }
        // The schema itself refuses a second row for the same attempt of a contact.
        await #expect(throws: DatabaseError.self) {
            try await store.writer.write { db in
                try db.execute(sql: "INSERT INTO campaign_attempts (campaign, contact_id, attempt, state, started_at) VALUES ('outage', 1, 1, 'dialing', 0)")
            }
        }
    }

    @Test func exportsHaveOneRowPerAttemptOrContact() async throws {
        let store = try CallStore.inMemory()
        try await store.createCampaign(Self.notification(), at: Self.t0)
        _ = try await store.importContacts(campaign: "outage", csv: "number,name\n+4930111,\"Anna \"\"A\"\"\"\n+4930222,Bob\n", at: Self.t0)
        let first = try #require(try await store.contacts(campaign: "outage").first)
        guard case .began(let attempt, _) = try await store.beginAttempt(contact: first.id, at: Self.t0) else { return }
        try await store.attemptPlaced(attempt.id, callID: "call-1")
        try await store.finishAttempt(attempt.id, AttemptResult(outcome: .answered, disposition: "completed", amd: .human,
                                                                answeredAt: Self.t0 + 3, endedAt: Self.t0 + 30))
        let attempts = try await store.exportAttemptsCSV(campaign: "outage").split(separator: "\r\n")
        #expect(attempts.count == 2)
        #expect(attempts[1] == "outage,\(first.id),+4930111,1,call-1,2026-12-08T08:53:20Z,2026-12-08T08:53:23Z,2026-12-08T08:53:50Z,answered,completed,human")
        let contacts = try await store.exportContactsCSV(campaign: "outage").split(separator: "\r\n")
        #expect(contacts == [
            "campaign,contact_id,number,timezone,state,attempts,last_outcome,last_call_id,name",
            "outage,\(first.id),+4930111,,completed,1,answered,call-1,\"Anna \"\"A\"\"\"",
            "outage,\(first.id + 1),+4930222,,pending,0,,,Bob",
        ])
        #expect(try await store.finishCampaignIfDone("outage", at: Self.t0) == false)
    }
}
