import ArgumentParser
import CallgateCore
import Foundation
import Storage

/// `callgate campaign status NAME [--follow]`: the campaign's figures, or a live progress bar.
struct CampaignStatus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show a campaign's progress; --follow keeps a live progress bar until it ends.")

    @OptionGroup var database: CampaignDatabase
    @Argument(help: "The campaign.") var name: String
    @Flag(help: "Redraw the progress every second until the campaign is finished or stopped (Ctrl-C ends it sooner).")
    var follow = false
    @Flag(help: "Print one JSON object.") var json = false

    func run() async throws {
        let store = try database.open()
        guard let first = try await store.campaign(named: name) else { throw CampaignFailure.fail(CampaignError.unknownCampaign(name).description) }
        var campaign = first
        var figures = try await store.campaignFigures(name)
        if json {
            print(CampaignText.json(campaign, figures).encodedString)
            return
        }
        guard follow else {
            print(CampaignText.summary(campaign, figures))
            return
        }
        // On a terminal the bar is redrawn in place; into a file or pipe, a line per change.
        let terminal = isatty(STDOUT_FILENO) == 1
        var last = ""
        while true {
            let line = CampaignText.bar(campaign, figures)
            if line != last {
                if terminal {
                    FileHandle.standardOutput.write(Data(("\r\u{1B}[K" + line).utf8))
                } else {
                    FileHandle.standardOutput.write(Data((line + "\n").utf8))
                }
                last = line
            }
            if campaign.state == .finished || campaign.state == .stopped { break }
            try await Task.sleep(for: .seconds(1))
            guard let next = try await store.campaign(named: name) else { break }
            campaign = next
            figures = try await store.campaignFigures(name)
        }
        if terminal { print("") }
    }
}

/// How campaigns read in a terminal.
enum CampaignText {
    static func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
    static func left(_ n: Int, _ width: Int) -> String { let s = "\(n)"; return String(repeating: " ", count: max(0, width - s.count)) + s }

    static func outcomes(_ figures: CampaignFigures) -> String {
        AttemptOutcome.allCases.compactMap { o in figures.outcomes[o.rawValue].map { "\(o.rawValue) \($0)" } }.joined(separator: ", ")
    }

    /// `[#######.............]  35%  70/200 contacts done  attempts 95 (3 up)  answered 60, busy 10 …  running`
    static func bar(_ campaign: CampaignRecord, _ figures: CampaignFigures, width: Int = 30) -> String {
        let share = figures.contacts == 0 ? 0 : Double(figures.done) / Double(figures.contacts)
        let filled = min(width, Int((share * Double(width)).rounded(.down)))
        let percent = Int((share * 100).rounded(.down))
        return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
            + left(percent, 3) + "%  \(figures.done)/\(figures.contacts) contacts done  attempts \(figures.attempts) (\(figures.inProgress) up)"
            + (figures.outcomes.isEmpty ? "" : "  " + outcomes(figures)) + "  \(campaign.state.rawValue)"
    }

    static func summary(_ campaign: CampaignRecord, _ figures: CampaignFigures) -> String {
        let d = campaign.definition
        var lines = ["campaign \(d.name): \(d.kind.rawValue)" + (d.kind == .agent ? " (\(d.mode?.rawValue ?? "-"), queue \(d.queue ?? "-"))" : "")
                     + (d.route.map { ", route \($0)" } ?? "") + ", \(campaign.state.rawValue)"]
        lines.append("  window \(CallingWindow.text(d.window.start))-\(CallingWindow.text(d.window.end)) "
                     + Weekday.allCases.filter { d.window.days.contains($0) }.map(\.rawValue).joined(separator: ",")
                     + " \(d.window.timeZone); at most \(d.maxConcurrent) calls, \(d.maxAttempts) attempts")
        let states = ContactState.allCases.compactMap { s in figures.contactStates[s.rawValue].map { "\(s.rawValue) \($0)" } }
        lines.append("  contacts \(figures.contacts): " + (states.isEmpty ? "none" : states.joined(separator: ", ")))
        lines.append("  attempts \(figures.attempts), \(figures.inProgress) up" + (figures.outcomes.isEmpty ? "" : ": " + outcomes(figures)))
        if d.kind == .agent { lines.append(String(format: "  abandon rate %.1f%% (cap %.1f%%)", figures.abandonRate * 100, d.abandonCap * 100)) }
        lines.append("  " + bar(campaign, figures))
        return lines.joined(separator: "\n")
    }

    static func json(_ campaign: CampaignRecord, _ figures: CampaignFigures) -> JSONValue {
        let definition = (try? JSONValue.parse(Array((try? JSONEncoder().encode(campaign.definition)) ?? Data()))) ?? .null
        return ["name": .string(campaign.name), "state": .string(campaign.state.rawValue), "definition": definition,
                "figures": figures.json, "created_at": .number(campaign.createdAt), "updated_at": .number(campaign.updatedAt)]
    }
}
