@testable import CallgateCore
import Testing

@Suite("Bad replies")
struct BadReplyTests {
    @Test func thereAreEnoughFixtures() {
        #expect(Fixtures.names(in: Fixtures.badReplies).count >= 25)
    }

    /// Decodes the reply, then checks it against a ringing call as the machine does, and expects
    /// the one error the fixture names.
    @Test("is refused naming the field", arguments: Fixtures.names(in: Fixtures.badReplies))
    func refused(name: String) throws {
        let fixture = try BadReplyFixture(named: name)
        #expect(["invalid", "valid"].contains(fixture.schema), "schema must be \"invalid\" or \"valid\"")
        let error = try #require(Self.error(decoding: fixture.reply), "the reply was accepted")
        #expect(error.field == fixture.field)
        #expect(error.problem.contains(fixture.problemContains), "problem: \(error.problem)")
    }

    @Test func moreThanAHundredActions() {
        let actions = JSONValue.array(Array(repeating: ["action": "answer"], count: Reply.maxActions + 1))
        let error = Self.error(decoding: ["actions": actions])
        #expect(error == ReplyError(field: "reply.actions", problem: "has 101 actions; at most 100 allowed"))
    }

    @Test func aHundredActionsAreFine() throws {
        let actions = JSONValue.array(Array(repeating: ["action": "answer"], count: Reply.maxActions))
        #expect(try Reply(["actions": actions]).actions.count == 100)
    }

    @Test func unknownFieldListsTheKnownOnes() {
        let error = Self.error(decoding: ["actions": [["action": "record", "max_second": 30]]])
        #expect(error?.description == "actions[0].max_second: is not a field of this action (known: action, beep, max_seconds, terminator)")
    }

    @Test func theFirstBadActionIsReported() {
        let error = Self.error(decoding: ["actions": [["action": "answer"], ["action": "play"], ["action": "nope"]]])
        #expect(error == ReplyError(field: "actions[1].file", problem: "is required"))
    }

    static func error(decoding value: JSONValue) -> ReplyError? {
        do throws(ReplyError) {
            try Reply(value).check(startingAnswered: false)
            return nil
        } catch {
            return error
        }
    }
}
