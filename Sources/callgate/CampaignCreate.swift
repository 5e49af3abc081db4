import ArgumentParser
import CallgateCore
import Foundation
import Storage

/// `callgate campaign create NAME …`: a new campaign, as `draft`.
struct CampaignCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a campaign (as a draft: import contacts, then start it).",
        discussion: "Every setting is described in docs/outbound.md#campaigns; delays are seconds.")

    @OptionGroup var database: CampaignDatabase
    @Argument(help: "The campaign's name: 1 to 64 letters, digits, '-', '_' or '.'.") var name: String
    @Option(help: "notification or agent.") var kind: String = "notification"
    @Option(help: "Notification campaigns: the number whose route's scenario runs on answered calls.")
    var route: String?
    @Option(help: "Agent campaigns: the queue whose agents take the calls.") var queue: String?
    @Option(help: "Agent campaigns: preview, progressive or predictive.") var mode: String?
    @Option(name: .customLong("caller-id"), help: "The number the contacts see.") var callerID: String?
    @Option(help: "How long a contact's phone rings.") var ringSeconds = 30
    @Option(help: "The calling window, local time: HH:MM-HH:MM.") var window = "09:00-20:00"
    @Option(help: "Days of the week: mon,tue,wed,thu,fri,sat,sun.") var days = "mon,tue,wed,thu,fri,sat,sun"
    @Option(help: "The window's time zone for contacts without one (IANA name).") var timeZone = "UTC"
    @Option(help: "Calls up at once, at most.") var maxConcurrent = 10
    @Option(help: "Attempts per contact, the first one included.") var maxAttempts = 3
    @Option(help: "Seconds before retrying after busy.") var retryBusy: Double = 600
    @Option(help: "Seconds before retrying after no answer.") var retryNoAnswer: Double = 1800
    @Option(help: "Seconds before retrying after an answering machine.") var retryMachine: Double = 3600
    @Option(help: "Seconds before retrying after a failed, rejected, refused, abandoned or interrupted call.") var retryFailed: Double = 900
    @Flag(help: "Run answering-machine detection on answered calls (Asterisk-like defaults).") var amd = false
    @Option(help: "Agent campaigns: the abandon-rate cap (0 to 1).") var abandonCap = 0.03
    @Option(help: "Agent campaigns: the sound file an answered call hears when no agent takes it within 2 s.") var abandonMessage: String?

    func definition() throws -> CampaignDefinition {
        guard let kind = CampaignKind(rawValue: kind) else { throw ValidationError("--kind must be notification or agent") }
        var mode: DialingMode?
        if let text = self.mode {
            guard let parsed = DialingMode(rawValue: text) else { throw ValidationError("--mode must be preview, progressive or predictive") }
            mode = parsed
        }
        var d = CampaignDefinition(name: name, kind: kind, route: route, queue: queue, mode: mode)
        d.callerID = callerID
        d.ringSeconds = ringSeconds
        let bounds = window.split(separator: "-").map(String.init)
        guard bounds.count == 2, let start = CallingWindow.minutes(bounds[0]), let end = CallingWindow.minutes(bounds[1]) else {
            throw ValidationError("--window must be HH:MM-HH:MM, e.g. 09:00-20:00")
        }
        var weekdays: Set<Weekday> = []
        for day in days.split(separator: ",") {
            guard let weekday = Weekday(rawValue: day.trimmingCharacters(in: .whitespaces).lowercased()) else {
                throw ValidationError("--days: \(day) is not one of mon, tue, wed, thu, fri, sat, sun")
            }
            weekdays.insert(weekday)
        }
        d.window = CallingWindow(start: start, end: end, days: weekdays, timeZone: timeZone)
        d.maxConcurrent = maxConcurrent
        d.maxAttempts = maxAttempts
        d.retryDelays = RetryDelays(busy: retryBusy, noAnswer: retryNoAnswer, machine: retryMachine, failed: retryFailed)
        d.machineDetection = amd ? MachineDetectionSettings() : nil
        d.abandonCap = abandonCap
        d.abandonMessage = abandonMessage
        return d
    }

    func run() async throws {
        let definition = try definition()
        let store = try database.open()
        try await CampaignFailure.run {
            try await store.createCampaign(definition, at: CampaignFailure.now)
            print("campaign \(name) created (draft): import contacts with `callgate campaign import \(name) FILE.csv`, then start it")
        }
    }
}
