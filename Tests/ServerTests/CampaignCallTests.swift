import CallgateCore
import Foundation
import Storage
import Testing

/// A whole notification campaign over SIP: contacts imported with the CLI, called through a trunk
/// to a SIPp callee, the engine killed halfway and started again on the same data folder. The
/// campaign resumes, no contact is called twice for the same attempt, and the CSV export matches
/// the call records.
extension ServerSuite {
    @Suite(.serialized) struct CampaignCallTests {
        static let contacts = 200

        /// On call.start: hang up at once (the notification itself is not what is tested here).
        static let notify = """
            #!/bin/sh
            case "$CALLGATE_EVENT" in
            call.start) echo '{"actions":[{"action":"hangup","reason":"notified"}]}' ;;
            *) echo '{"actions":[]}' ;;
            esac
            """

        @Test func aCampaignResumesAfterAKillAndItsExportMatchesTheCallRecords() async throws {
            let calleePort = try Ports.free()
            let engine = try EngineUnderTest(scenarios: ["notify.sh": Self.notify], routes: "  - match: \"notify\"\n    scenario: notify.sh",
                                             extra: "trunks:\n  - {name: carrier, address: 127.0.0.1:\(calleePort), allow: [\"555*\"]}")
            defer { engine.stop() }
            let callee = try CalleeFleet(engine: engine, port: calleePort)
            defer { callee.stop() }
            #expect(await eventually(within: 10) { !Ports.canBind(calleePort, udp: true) }, "SIPp listens on \(calleePort)")
            try await engine.waitUntilReady()

            // The campaign, made with the CLI while the engine runs: it picks it up from the database.
            func cli(_ arguments: [String]) throws -> String {
                try EngineUnderTest.runCallgate(["campaign"] + arguments + ["--config", engine.configPath])
            }
            _ = try cli(["create", "outage", "--route", "notify", "--caller-id", "8005550100", "--max-concurrent", "20",
                         "--max-attempts", "3", "--retry-failed", "1", "--window", "00:00-24:00"])
            let csv = engine.directory.appendingPathComponent("contacts.csv")
            let rows = (1...Self.contacts).map { "555\(String(format: "%04d", $0)),Contact \($0)" }
            try ("number,name\n" + rows.joined(separator: "\n") + "\n").write(to: csv, atomically: true, encoding: .utf8)
            #expect(try cli(["import", "outage", csv.path]).hasPrefix("imported \(Self.contacts) contact(s)"))
            #expect(try cli(["start", "outage"]) == "campaign outage is running\n")

            // Kill the engine once half the contacts are done, with attempts under way.
            let store = try CallStore(path: engine.directory.appendingPathComponent("var/callgate.sqlite").path)
            let halfway = await eventually(within: 60) {
                guard let figures = try? await store.campaignFigures("outage") else { return false }
                return figures.done >= Self.contacts / 2 && figures.inProgress > 0
            }
            #expect(halfway, "\(engine.log().suffix(3000))")
            engine.kill9()
            #expect(await eventually(within: 10) { !engine.isRunning }, "kill -9 ends the engine")
            let beforeRestart = try await store.attempts(campaign: "outage")

            let restarted = try RestartedEngine(engine)
            defer { restarted.stop() }
            try await restarted.waitUntilReady(engine)
            let finished = await eventually(within: 90) { (try? await store.campaign(named: "outage"))?.state == .finished }
            let figures = try await store.campaignFigures("outage")
            #expect(finished, "\(figures)\n\(restarted.log().suffix(3000))")

            // Every contact answered once; the attempts left open by the kill counted and retried.
            let contacts = try await store.contacts(campaign: "outage")
            #expect(contacts.count == Self.contacts && contacts.allSatisfy { $0.state == .completed }, "\(figures)")
            let attempts = try await store.attempts(campaign: "outage")
            let open = beforeRestart.filter { $0.state != .ended }
            #expect(!open.isEmpty, "the kill caught attempts under way")
            #expect(attempts.filter { $0.outcome == .interrupted }.count == open.count)
            #expect(attempts.filter { $0.outcome == .answered }.count == Self.contacts)
            #expect(Set(attempts.map { "\($0.contactID)/\($0.attempt)" }).count == attempts.count)

            // The call records: one call per attempt placed, never two for a contact's same attempt.
            let records = try await store.recentCalls(limit: 2000).filter { $0.vars["campaign"] == "outage" }
            let keys = records.map { "\($0.to)/\($0.vars["campaign_attempt"]?.scalarText ?? "?")" }
            #expect(Set(keys).count == records.count, "a contact was called twice for the same attempt")
            let byID = Dictionary(records.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

            // The export: a row per attempt, each placed one naming its call, whose record agrees.
            let export = try cli(["export", "outage"]).split(separator: "\r\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            #expect(export.count == attempts.count)
            for row in export where !row[4].isEmpty {
                // A call the kill caught may have died before its record reached the database
                // (call records are written in group commits); its attempt knows its id.
                guard let record = byID[row[4]] else {
                    #expect(row[8] == "interrupted", "no call record for \(row)")
                    continue
                }
                #expect(record.to == row[2] && record.vars["campaign_attempt"]?.scalarText == row[3], "\(row) vs \(record)")
                #expect((row[8] == "answered") == (record.disposition != "engine_restart" && record.answeredAt != nil), "\(row) vs \(record)")
            }
            // A call the kill caught before its id reached the attempt is the only kind missing.
            let exported = Set(export.map { $0[4] })
            for record in records where !exported.contains(record.id) {
                #expect(record.disposition == "engine_restart", "\(record) is not in the export")
            }
            print("campaign over SIP: \(Self.contacts) contacts, \(attempts.count) attempts, \(open.count) interrupted by the kill")
        }
    }
}

/// A SIPp callee answering every call the engine sends through the trunk (uas-callee.xml), for as
/// long as the test runs; stopped by its PID.
final class CalleeFleet: @unchecked Sendable {
    private let process = Process()

    init(engine: EngineUnderTest, port: Int) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sipp")
        process.arguments = ["-sf", SIPp.scenarios.appendingPathComponent("uas-callee.xml").path, "-i", "127.0.0.1", "-p", "\(port)",
                             "-m", "100000", "-nostdin", "-timeout", "180s", "-recv_timeout", "30000",
                             "-mp", "\(try Ports.freeEvenRange(count: 4, in: Ports.peerMedia))"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit { stop() }
}
