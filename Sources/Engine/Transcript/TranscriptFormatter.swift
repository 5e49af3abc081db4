import Foundation
import CallgateCore

/// Renders transcript steps as text a newcomer can follow: simulated time on the left, arrows for
/// what went to and came from the scenario, ▶ for actions, ! for errors.
public struct TranscriptFormatter: Sendable {
    public init() {}

    public func lines(for step: TranscriptStep) -> [String] {
        switch step {
        case .trail(let entry):
            return trail(entry)
        case .scenarioRan(let at, let event, let role, let ms, let code, let persistent):
            let status = code.map { "exit \($0)" } ?? (persistent ? "persistent worker" : "no exit status")
            let who = role == .fallback ? "fallback scenario" : "scenario"
            return [line(at, "  \(who) ran for \(event.rawValue) in \(String(format: "%.1f", ms)) ms (\(status))")]
        case .stderr(let at, let text):
            return [line(at, "  stderr: \(text)")]
        case .world(let at, let text):
            return [line(at, "~ \(text)")]
        case .ended(let record):
            let duration = record.endedAt.map { time($0) } ?? "?"
            let errors = record.errors.count == 1 ? "1 error" : "\(record.errors.count) errors"
            return ["", "call ended: \(record.disposition ?? "?"), hung up by \(record.hangupBy ?? "?") (\(record.hangupReason ?? "")) after \(duration) s; \(record.eventsSent) events, \(errors)"]
        }
    }

    func trail(_ entry: TrailEntry) -> [String] {
        switch entry.step {
        case .event(let event, let role):
            let to = role == .fallback ? " (to the fallback scenario)" : ""
            var text = "→ \(event.event.rawValue)\(to)"
            if !event.result.isEmpty { text += " " + JSONValue.object(event.result).encodedString }
            if let error = event.error { text += " error=" + error.encodedString }
            return [line(entry.at, text)]
        case .reply(let actions, _):
            let list = actions.isEmpty ? "(no actions)" : actions.map(\.name).joined(separator: ", ")
            return [line(entry.at, "← reply: \(list)")]
        case .action(let action, let index):
            let origin = index == nil ? " (by the engine)" : ""
            return [line(entry.at, "▶ \(summary(action))\(origin)")]
        case .dtmf(let key):
            return [line(entry.at, "  key \(key) received")]
        case .failure(let failure, let event, let role):
            let who = role == .fallback ? "fallback scenario" : "scenario"
            return [line(entry.at, "! \(who) failed on \(event.rawValue) [\(failure.code)]: \(failure)")]
        case .fallback(let what):
            return [line(entry.at, "↪ fallback: \(what)")]
        case .note(let kind, let details):
            return [line(entry.at, "· \(kind) " + JSONValue.object(details).encodedString)]
        case .transfer(let by, let to, let outcome):
            return [line(entry.at, "⇄ transfer by \(by) to \(to): \(outcome)")]
        }
    }

    /// One action as a short phrase: each action says it itself (`ScenarioAction.summary`).
    public func summary(_ action: Action) -> String { action.spec.summary }

    func line(_ at: Double, _ text: String) -> String {
        let stamp = time(at)
        return String(repeating: " ", count: max(0, 8 - stamp.count)) + stamp + "  " + text
    }

    func time(_ seconds: Double) -> String { String(format: "%.1f", seconds) }
}
