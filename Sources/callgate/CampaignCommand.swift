import ArgumentParser
import CallgateCore
import Foundation
import Storage

/// `callgate campaign …`: outbound campaigns in the configuration's database. Every subcommand
/// works on the database file, as `callgate calls` does, so it works whether or not the engine
/// runs; a running engine picks changes up within a second (docs/outbound.md#campaigns).
struct CampaignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaign",
        abstract: "Create, fill, run and follow outbound campaigns; keep the do-not-call list.",
        subcommands: [CampaignCreate.self, CampaignList.self, CampaignImport.self, CampaignControl.Start.self,
                      CampaignControl.Pause.self, CampaignControl.Resume.self, CampaignControl.Stop.self,
                      CampaignStatus.self, CampaignExport.self, DoNotCallCommand.self])
}

/// The options every campaign subcommand shares: which configuration, hence which database.
struct CampaignDatabase: ParsableArguments {
    @Option(help: "The configuration file (its data_dir holds the database); the embedded default when absent.")
    var config: String?

    /// Opens (or creates) the database the engine of this configuration uses.
    func open() throws -> CallStore {
        let settings = try ConfigLoading.load(config, checkFiles: false)
        return try CallStore(path: settings.dataDir.resolved + "/callgate.sqlite")
    }
}

/// Campaign errors are the user's mistakes, not usage errors: the message alone on stderr, exit 1.
enum CampaignFailure {
    static func run(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as CampaignError {
            throw fail(error.description)
        } catch let error as ContactFileError {
            throw fail(error.description)
        }
    }

    static func fail(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("callgate: \(message)\n".utf8))
        return ExitCode.failure
    }

    static var now: Double { Date().timeIntervalSince1970 }
}

struct CampaignList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the campaigns with their progress.")

    @OptionGroup var database: CampaignDatabase
    @Flag(help: "Print one JSON object per campaign and line.") var json = false

    func run() async throws {
        let store = try database.open()
        let campaigns = try await store.campaigns()
        if !json { print("name                 kind          state     contacts   done  attempts  up") }
        for campaign in campaigns {
            let figures = try await store.campaignFigures(campaign.name)
            if json {
                print(CampaignText.json(campaign, figures).encodedString)
            } else {
                let kind = campaign.definition.kind == .agent ? "agent/\(campaign.definition.mode?.rawValue ?? "-")" : "notification"
                print(CampaignText.pad(campaign.name, 20), CampaignText.pad(kind, 13), CampaignText.pad(campaign.state.rawValue, 9),
                      CampaignText.left(figures.contacts, 8), CampaignText.left(figures.done, 6), CampaignText.left(figures.attempts, 9),
                      CampaignText.left(figures.inProgress, 3))
            }
        }
    }
}

struct CampaignImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Add contacts from a CSV file to a campaign.",
        discussion: """
            The file needs a header line with a `number` column; an optional `timezone` column holds an IANA zone \
            (Europe/Berlin); every other column becomes a var of the contact, handed to the scenario. Bad rows, \
            duplicates and numbers on the do-not-call list are skipped and listed by line; the rest is imported.
            """)

    @OptionGroup var database: CampaignDatabase
    @Argument(help: "The campaign.") var name: String
    @Argument(help: "The CSV file ('-' reads standard input).") var file: String

    func run() async throws {
        let text: String
        if file == "-" {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        } else {
            guard let data = FileManager.default.contents(atPath: file) else { throw CampaignFailure.fail("cannot read \(file)") }
            text = String(decoding: data, as: UTF8.self)
        }
        let store = try database.open()
        try await CampaignFailure.run {
            let report = try await store.importContacts(campaign: name, csv: text, at: CampaignFailure.now)
            print("imported \(report.imported) contact(s) into \(name); skipped \(report.skipped.count)")
            for problem in report.skipped { print("  line \(problem.line) (\(problem.kind.rawValue)): \(problem.message)") }
        }
    }
}

/// start, pause, resume, stop: one command each, the same shape.
enum CampaignControl {
    static func apply(_ command: CampaignState.Command, _ name: String, _ database: CampaignDatabase) async throws {
        let store = try database.open()
        try await CampaignFailure.run {
            let state = try await store.commandCampaign(name, command, at: CampaignFailure.now)
            print("campaign \(name) is \(state.rawValue)")
        }
    }

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "start", abstract: "Start a draft campaign: the engine begins calling.")
        @OptionGroup var database: CampaignDatabase
        @Argument(help: "The campaign.") var name: String
        func run() async throws { try await CampaignControl.apply(.start, name, database) }
    }

    struct Pause: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "pause", abstract: "Place no new call; calls up go on.")
        @OptionGroup var database: CampaignDatabase
        @Argument(help: "The campaign.") var name: String
        func run() async throws { try await CampaignControl.apply(.pause, name, database) }
    }

    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "resume", abstract: "Resume a paused campaign.")
        @OptionGroup var database: CampaignDatabase
        @Argument(help: "The campaign.") var name: String
        func run() async throws { try await CampaignControl.apply(.resume, name, database) }
    }

    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "stop", abstract: "End a campaign for good; calls up go on.")
        @OptionGroup var database: CampaignDatabase
        @Argument(help: "The campaign.") var name: String
        func run() async throws { try await CampaignControl.apply(.stop, name, database) }
    }
}
