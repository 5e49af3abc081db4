import ArgumentParser
import Foundation
import Storage

/// `callgate campaign export NAME [--contacts] [--output FILE]`: results as CSV.
struct CampaignExport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write a campaign's results as CSV: one row per attempt, or per contact with --contacts.")

    @OptionGroup var database: CampaignDatabase
    @Argument(help: "The campaign.") var name: String
    @Flag(help: "One row per contact with its final outcome and vars, instead of one per attempt.") var contacts = false
    @Option(help: "Write to this file instead of standard output.") var output: String?

    func run() async throws {
        let store = try database.open()
        try await CampaignFailure.run {
            let csv = contacts ? try await store.exportContactsCSV(campaign: name) : try await store.exportAttemptsCSV(campaign: name)
            if let output {
                guard FileManager.default.createFile(atPath: output, contents: Data(csv.utf8)) else {
                    throw CampaignFailure.fail("cannot write \(output)")
                }
            } else {
                FileHandle.standardOutput.write(Data(csv.utf8))
            }
        }
    }
}

/// `callgate campaign dnc add|remove|list`: the do-not-call list every campaign obeys.
struct DoNotCallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dnc", abstract: "Keep the do-not-call list: no campaign calls a number on it, from the next attempt on.",
        subcommands: [Add.self, Remove.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add numbers to the list.")
        @OptionGroup var database: CampaignDatabase
        @Argument(help: "Phone numbers.") var numbers: [String]
        @Option(help: "Why (kept beside the numbers).") var note: String?
        func run() async throws {
            let store = try database.open()
            try await CampaignFailure.run {
                let added = try await store.addDoNotCall(numbers, note: note, at: CampaignFailure.now)
                print("added \(added) number(s) to the do-not-call list")
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove numbers from the list.")
        @OptionGroup var database: CampaignDatabase
        @Argument(help: "Phone numbers.") var numbers: [String]
        func run() async throws {
            let removed = try await database.open().removeDoNotCall(numbers)
            print("removed \(removed) number(s) from the do-not-call list")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the list, one number per line.")
        @OptionGroup var database: CampaignDatabase
        func run() async throws {
            for entry in try await database.open().doNotCallList() {
                print(entry.number + (entry.note.map { "  \($0)" } ?? ""))
            }
        }
    }
}
