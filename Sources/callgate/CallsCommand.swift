import ArgumentParser
import CallgateCore
import Config
import Foundation
import Storage

/// `callgate calls [ID]`: the recent calls, or one call with its trail: why it went where it went.
struct CallsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calls",
        abstract: "List recent calls, or show one call's record and trail.")

    @Argument(help: "A call id: show that call and its trail.")
    var id: String?

    @Option(help: "The configuration file (its data_dir holds the database); the embedded default when absent.")
    var config: String?

    @Option(help: "How many recent calls to list.")
    var limit = 20

    @Flag(help: "Print JSON (one object per line for the list).")
    var json = false

    func run() async throws {
        let settings = try ConfigLoading.load(config, checkFiles: false)
        let path = settings.dataDir.resolved + "/callgate.sqlite"
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("no call database at \(path): has `callgate serve` run with this configuration?")
        }
        let store = try CallStore(path: path)
        if let id {
            guard let call = try await store.call(id: id) else { throw ValidationError("no call with id \(id)") }
            let trail = try await store.trail(callID: id)
            if json {
                let object: JSONValue = ["call": JSONValue.encoding(call), "trail": .array(trail.map { entry in
                    ["seq": .number(Double(entry.seq)), "at": .number(entry.at), "kind": .string(entry.kind), "detail": entry.detail]
                })]
                print(object.encodedString)
            } else {
                printCall(call)
                print("")
                for entry in trail { print("\(String(format: "%8.3f", entry.at))  \(describe(entry.kind, entry.detail))") }
            }
            return
        }
        let calls = try await store.recentCalls(limit: limit)
        if json {
            for call in calls { print(JSONValue.encoding(call).encodedString) }
            return
        }
        print("id                         started               from             to          duration  disposition")
        for call in calls {
            let duration = call.durationSeconds.map { String(format: "%7.1fs", $0) } ?? "   (up)"
            print("\(pad(call.id, 26)) \(pad(stamp(call.startedAt), 21)) \(pad(call.from, 16)) \(pad(call.to, 11)) \(duration)  \(call.disposition ?? "-")")
        }
    }

    func printCall(_ call: StoredCall) {
        print("call \(call.id)  (SIP Call-ID \(call.sipCallID))")
        print("  from \(call.from) to \(call.to), \(call.direction.rawValue), route \(call.route ?? "-") → \(call.scenario ?? "-")")
        print("  started \(stamp(call.startedAt))" + (call.answeredAt.map { ", answered \(stamp($0))" } ?? "")
              + (call.endedAt.map { ", ended \(stamp($0))" } ?? ""))
        print("  \(call.disposition ?? "in progress"), hung up by \(call.hangupBy ?? "-"): \(call.hangupReason ?? "-")")
        if let amd = call.amd { print("  answering-machine detection: \(amd.rawValue)") }
        for error in call.errors { print("  error on \(error.event.rawValue): [\(error.code)] \(error.message)") }
        if let recording = call.recordingPath { print("  recording \(recording)") }
        if !call.vars.isEmpty { print("  vars \(JSONValue.object(call.vars).encodedString)") }
    }

    /// One trail step as a line a person reads: → events, ← replies, ▶ actions, ! errors, ↪ fallbacks.
    func describe(_ kind: String, _ detail: JSONValue) -> String {
        guard case .object(let fields) = detail else { return kind }
        func text(_ value: JSONValue?) -> String { value?.scalarText ?? value?.encodedString ?? "" }
        switch kind {
        case "event":
            guard case .object(let event)? = fields["event"] else { return "→ event" }
            let role = text(fields["role"]) == "fallback" ? " (fallback scenario)" : ""
            let result = event["result"].flatMap { $0 == .object([:]) ? nil : $0.encodedString } ?? ""
            return "→ \(text(event["event"]))\(role) \(result)"
        case "reply":
            guard case .array(let actions)? = fields["actions"] else { return "← reply" }
            let names = actions.map { action -> String in
                if case .object(let a) = action { return text(a["action"]) } else { return "?" }
            }
            return "← reply: " + (names.isEmpty ? "(no actions)" : names.joined(separator: ", "))
        case "action":
            guard case .object(var action)? = fields["action"] else { return "▶ action" }
            let name = text(action["action"])
            action["action"] = nil
            let origin = text(fields["origin"]) == "engine" ? " (by the engine)" : ""
            let arguments = action.isEmpty ? "" : " " + JSONValue.object(action).encodedString
            return "▶ \(name)\(arguments)\(origin)"
        case "dtmf":
            return "  key \(text(fields["key"])) received"
        case "error":
            guard case .object(let error)? = fields["error"] else { return "! error" }
            return "! [\(text(error["code"]))] on \(text(fields["event"])): \(text(error["message"]))"
        case "fallback":
            return "↪ fallback: \(text(fields["fallback"]))"
        case "record_pause", "record_resume":
            let who = text(fields["by"]) == "api" ? "API" : text(fields["by"])
            return "  recording \(kind == "record_pause" ? "paused" : "resumed") by the \(who)"
        case "transfer":
            return "⇄ transfer by \(text(fields["by"])) to \(text(fields["to"])): \(text(fields["outcome"]))"
        default:
            // An engine note (hold, resume, ...): its kind and its own fields.
            let own = fields.filter { $0.key != "at" && $0.key != "kind" }
            return "· \(kind) " + JSONValue.object(own).encodedString
        }
    }

    func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }

    func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
