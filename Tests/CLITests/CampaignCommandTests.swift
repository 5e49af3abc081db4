import Foundation
import Testing

/// `callgate campaign …` on a database of its own, as an admin runs it without the engine: create,
/// import a CSV with bad rows, command, status and export.
@Suite struct CampaignCommandTests {
    /// A configuration whose data_dir is a fresh folder, removed by the test.
    struct Setup {
        let folder: URL
        let config: String

        init() throws {
            folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("callgate-cli-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            config = folder.appendingPathComponent("callgate.yaml").path
            let yaml = """
                data_dir: \(folder.appendingPathComponent("var").path)
                routes:
                  - match: "*"
                    scenario: demo-ivr.sh

                """
            try yaml.write(toFile: config, atomically: true, encoding: .utf8)
        }

        func run(_ arguments: [String]) throws -> CLI.Run {
            try CLI.run(["campaign"] + arguments + ["--config", config])
        }

        func write(_ name: String, _ text: String) throws -> String {
            let path = folder.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }

        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    @Test func importReportsBadRowsAndStatusAndExportShowTheContacts() throws {
        let setup = try Setup()
        defer { setup.remove() }
        let created = try setup.run(["create", "outage", "--route", "7000", "--window", "08:00-21:00", "--days", "mon,tue,wed,thu,fri",
                                     "--time-zone", "Europe/Berlin", "--max-attempts", "2"])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(try setup.run(["dnc", "add", "+49 30 555"]).stdout.contains("added 1 number"))
        let csv = try setup.write("contacts.csv", """
            number,name,district,timezone
            +4930111,Anna,Mitte,
            n/a,Bob,Pankow,
            +49 30 111,Anna again,Mitte,
            +4930222,"Müller, Carl",Wedding,Europe/Berlin
            +4930555,Dora,Moabit,

            """)
        let imported = try setup.run(["import", "outage", csv])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.lines == [
            "imported 2 contact(s) into outage; skipped 3",
            "  line 3 (bad): \"n/a\" is not a phone number",
            "  line 4 (duplicate): +4930111 is on line 2 already",
            "  line 6 (do_not_call): +4930555 is on the do-not-call list",
        ])
        let status = try setup.run(["status", "outage"])
        #expect(status.status == 0)
        #expect(status.stdout.contains("campaign outage: notification, route 7000, draft"))
        #expect(status.stdout.contains("window 08:00-21:00 mon,tue,wed,thu,fri Europe/Berlin; at most 10 calls, 2 attempts"))
        #expect(status.stdout.contains("contacts 2: pending 2"))
        #expect(status.stdout.contains("[..............................]   0%  0/2 contacts done"))

        #expect(try setup.run(["start", "outage"]).stdout == "campaign outage is running\n")
        let again = try setup.run(["resume", "outage"])
        #expect(again.status == 1 && again.stderr == "callgate: campaign outage is running: cannot resume it\n")
        #expect(try setup.run(["list"]).lines.last?.hasPrefix("outage               notification  running          2") == true)

        let contacts = try setup.run(["export", "outage", "--contacts"])
        #expect(contacts.stdout.split(separator: "\r\n").map(String.init) == [
            "campaign,contact_id,number,timezone,state,attempts,last_outcome,last_call_id,district,name",
            "outage,1,+4930111,,pending,0,,,Mitte,Anna",
            "outage,2,+4930222,Europe/Berlin,pending,0,,,Wedding,\"Müller, Carl\"",
        ])
        // --follow into a pipe: a line per change, and it ends with the campaign.
        #expect(try setup.run(["stop", "outage"]).status == 0)
        let followed = try setup.run(["status", "outage", "--follow"])
        #expect(followed.status == 0)
        #expect(followed.lines == ["[..............................]   0%  0/2 contacts done  attempts 0 (0 up)  stopped"])
        let attempts = try setup.run(["export", "outage"])
        #expect(attempts.stdout == "campaign,contact_id,number,attempt,call_id,started_at,answered_at,ended_at,outcome,disposition,amd\r\n")
    }

    @Test func badInputGetsAClearErrorAndNothingIsStored() throws {
        let setup = try Setup()
        defer { setup.remove() }
        let noRoute = try setup.run(["create", "outage"])
        #expect(noRoute.status == 1 && noRoute.stderr.contains("route: a notification campaign needs the route"))
        let badZone = try setup.run(["create", "outage", "--route", "7000", "--time-zone", "Mars/Base"])
        #expect(badZone.status == 1 && badZone.stderr.contains("window.time_zone"))
        let badWindow = try setup.run(["create", "outage", "--route", "7000", "--window", "9-17"])
        #expect(badWindow.status == 64 && badWindow.stderr.contains("--window must be HH:MM-HH:MM"))
        #expect(try setup.run(["list"]).lines.count == 1, "only the header: nothing was created")
        #expect(try setup.run(["create", "outage", "--route", "7000"]).status == 0)
        let noNumber = try setup.run(["import", "outage", try setup.write("bad.csv", "phone,name\n+4930111,Anna\n")])
        #expect(noNumber.status == 1 && noNumber.stderr.contains("the CSV has no `number` column"))
        let unknown = try setup.run(["status", "nope"])
        #expect(unknown.status == 1 && unknown.stderr == "callgate: no campaign named nope\n")
    }
}
