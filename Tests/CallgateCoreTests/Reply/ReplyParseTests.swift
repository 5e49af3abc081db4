@testable import CallgateCore
import Testing

/// `Reply.parse` on what a scenario printed: the failure code decides what the admin is told.
@Suite("Reply.parse")
struct ReplyParseTests {
    @Test("no output is not JSON", arguments: ["", " ", "\n", " \t\r\n "])
    func noOutput(stdout: String) {
        let failure = Self.failure(parsing: stdout)
        #expect(failure == .notJSON(detail: "the scenario printed nothing on stdout"))
    }

    @Test("text that is not one JSON document is not JSON", arguments: ["hello", "{\"actions\": [", "{\"actions\": []} {\"actions\": []}", "actions: []"])
    func garbage(stdout: String) {
        guard case .notJSON(let detail)? = Self.failure(parsing: stdout) else {
            Issue.record("expected not_json for \(stdout)")
            return
        }
        #expect(detail.hasPrefix("stdout is not one JSON object: \""))
    }

    @Test func longGarbageIsCutInTheMessage() {
        guard case .notJSON(let detail)? = Self.failure(parsing: String(repeating: "x", count: 500)) else {
            Issue.record("expected not_json")
            return
        }
        #expect(detail == "stdout is not one JSON object: \"\(String(repeating: "x", count: 120))…\"")
    }

    @Test func anArrayIsAnInvalidReply() {
        let failure = Self.failure(parsing: #"[{"action": "answer"}]"#)
        #expect(failure == .invalidReply(ReplyError(field: "reply", problem: "must be an object, got an array")))
        #expect(failure?.code == "invalid_reply")
    }

    @Test func aBadActionIsAnInvalidReplyNamingTheField() {
        let failure = Self.failure(parsing: #"{"actions": [{"action": "gather", "timeout": 500}]}"#)
        #expect(failure?.json == [
            "code": "invalid_reply",
            "field": "actions[0].timeout",
            "message": "invalid scenario reply: actions[0].timeout: must be between 0.5 and 120 seconds, got 500",
        ])
    }

    @Test func aValidReplyParses() throws {
        let reply = try Reply.parse(Array(#"  {"actions": [{"action": "answer"}, {"action": "play", "file": "welcome.wav"}]}\#n"#.utf8))
        #expect(reply.actions == [.answer(Answer()), .play(Play(file: "welcome.wav"))])
    }

    static func failure(parsing stdout: String) -> ScenarioFailure? {
        do throws(ScenarioFailure) {
            _ = try Reply.parse(Array(stdout.utf8))
            return nil
        } catch {
            return error
        }
    }
}
