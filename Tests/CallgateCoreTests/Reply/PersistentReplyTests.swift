import CallgateCore
import Testing

/// A persistent scenario's answer line: the reply plus the call id of the event it answers.
@Suite("Reply.persistentBody")
struct PersistentReplyTests {
    func failure(_ line: String, callID: String = "c-1") -> ScenarioFailure? {
        do {
            _ = try Reply.persistentBody(of: Array(line.utf8), callID: callID)
            return nil
        } catch {
            return error
        }
    }

    @Test func callIDIsCheckedAndRemoved() throws {
        let body = try Reply.persistentBody(of: Array(#"{"call_id":"c-1","actions":[{"action":"hangup"}]}"#.utf8), callID: "c-1")
        #expect(body == ["actions": [["action": "hangup"]]])
        #expect(try Reply(body).actions == [.hangup(Hangup())])
    }

    @Test func notJSONNamesTheLine() {
        guard case .notJSON(let detail)? = failure("debug: starting") else {
            Issue.record("expected not_json")
            return
        }
        #expect(detail == "the line is not one JSON object: \"debug: starting\"")
    }

    @Test(arguments: [
        (#"["c-1"]"#, "reply", "must be an object, got an array"),
        (#"{"actions":[]}"#, "reply.call_id", #"is required in a persistent scenario's reply: {"call_id": "c-1", "actions": [...]}"#),
        (#"{"call_id":null,"actions":[]}"#, "reply.call_id", #"is required in a persistent scenario's reply: {"call_id": "c-1", "actions": [...]}"#),
        (#"{"call_id":1,"actions":[]}"#, "reply.call_id", "must be a string, got a number"),
        (#"{"call_id":"c-2","actions":[]}"#, "reply.call_id", #"is "c-2", but the event was for call "c-1"; answer every event with one line, in order"#),
    ])
    func protocolErrorsAreInvalidReplies(line: String, field: String, problem: String) {
        #expect(failure(line) == .invalidReply(ReplyError(field: field, problem: problem)))
    }

    @Test func persistentEnvironmentHasNoPerEventVariables() {
        let env = ScenarioEnvironment.persistent(engine: ["PATH": "/bin", "HOME": "/root", "USER": "root", "SECRET": "x"])
        #expect(env == ["CALLGATE_MODE": "persistent", "PATH": "/bin", "HOME": "/root"])
        #expect(ScenarioEnvironment.persistent(engine: [:])["PATH"] == ScenarioEnvironment.defaultPath)
    }
}
