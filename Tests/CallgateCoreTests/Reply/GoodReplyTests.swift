@testable import CallgateCore
import Testing

@Suite("Good replies")
struct GoodReplyTests {
    @Test func thereAreEnoughFixtures() {
        #expect(Fixtures.names(in: Fixtures.goodReplies).count >= 15)
    }

    @Test("parses and may run on a ringing call", arguments: Fixtures.names(in: Fixtures.goodReplies))
    func parses(name: String) throws {
        let reply = try Fixtures.goodReply(name)
        try reply.check(startingAnswered: false)
    }

    /// `Action.json` is what the trail and `callgate test --json` show; it must read back as the same action.
    @Test("round-trips through Action.json", arguments: Fixtures.names(in: Fixtures.goodReplies))
    func roundTrips(name: String) throws {
        let reply = try Fixtures.goodReply(name)
        let again = try Reply(["actions": .array(reply.actions.map(\.json))])
        #expect(again == reply)
    }

    @Test func everyActionHasAFixture() throws {
        var seen: Set<String> = []
        for name in Fixtures.names(in: Fixtures.goodReplies) {
            seen.formUnion(try Fixtures.goodReply(name).actions.map(\.name))
        }
        #expect(seen == Set(ActionRegistry.names))
    }

    @Test func playDefaultsToNotEarly() throws {
        #expect(try Fixtures.goodReply("play-defaults").actions == [.play(Play(file: "welcome.wav", early: false))])
    }

    @Test func earlyPlayThenReject() throws {
        let reply = try Fixtures.goodReply("play-early-then-reject")
        #expect(reply.actions == [
            .play(Play(file: "prompts/closed.wav", early: true)),
            .reject(Reject(code: 480, reason: "Closed")),
        ])
    }

    @Test func sayWithEveryField() throws {
        #expect(try Fixtures.goodReply("say-all-fields").actions == [.say(Say(text: "Willkommen.", voice: "de", early: true))])
    }

    @Test func gatherDefaults() throws {
        let actions = try Fixtures.goodReply("gather-defaults").actions
        let gather = try #require(actions.first?.as(Gather.self))
        #expect(gather.maxDigits == 1)
        #expect(gather.timeout == 5)
        #expect(gather.interDigitTimeout == 5)
        #expect(gather.terminator == "#")
        #expect(gather.prompt == nil)
    }

    @Test func nullFieldsMeanDefaults() throws {
        #expect(try Fixtures.goodReply("nulls-mean-defaults") == Fixtures.goodReply("gather-defaults"))
    }

    @Test func gatherWithEveryField() throws {
        let expected = Gather(
            maxDigits: 4, timeout: 10, interDigitTimeout: 2.5, terminator: "*",
            prompt: .play(Play(file: "prompts/enter-pin.wav"))
        )
        #expect(try Fixtures.goodReply("gather-all-fields").actions == [.gather(expected)])
    }

    @Test func gatherWithSayPromptAndNoTerminator() throws {
        let expected = Gather(terminator: "", prompt: .say(Say(text: "Press 1 for sales, 2 for support.", voice: "en-us")))
        #expect(try Fixtures.goodReply("gather-say-prompt").actions == [.gather(expected)])
    }

    @Test func recordDefaultsAndEveryField() throws {
        #expect(try Fixtures.goodReply("record-defaults").actions.last == .record(Record(maxSeconds: 60, beep: true, terminator: "#")))
        #expect(try Fixtures.goodReply("record-all-fields").actions == [.record(Record(maxSeconds: 120, beep: false, terminator: "*"))])
    }

    @Test func transferDefaultsAndEveryField() throws {
        #expect(try Fixtures.goodReply("transfer-defaults").actions == [.transfer(Transfer(to: "201", timeout: 30))])
        #expect(try Fixtures.goodReply("transfer-all-fields").actions.last == .transfer(Transfer(to: "+4930123456#", timeout: 45)))
    }

    @Test func enqueueDefaults() throws {
        let expected = Enqueue(queue: "sales", priority: 0, skills: [:], exitKey: nil, timeout: nil)
        #expect(try Fixtures.goodReply("enqueue-defaults").actions == [.enqueue(expected)])
    }

    @Test func skillsAsAListMeanLevelOne() throws {
        let expected = Enqueue(queue: "support.level-1", skills: ["english": 1, "billing": 1])
        #expect(try Fixtures.goodReply("enqueue-skills-list").actions == [.enqueue(expected)])
    }

    @Test func skillsAsAnObjectGiveTheLowestLevel() throws {
        let expected = Enqueue(queue: "support_2", priority: 50, skills: ["english": 3, "tech-support": 10], exitKey: "0", timeout: 600)
        #expect(try Fixtures.goodReply("enqueue-skills-object").actions == [.enqueue(expected)])
    }

    @Test func setKeepsNullsSoTheyCanDeleteVars() throws {
        let actions = try Fixtures.goodReply("set-vars").actions
        let set = try #require(actions.first?.as(SetVars.self))
        #expect(set.vars["lang"] == "de")
        #expect(set.vars["cart"] == ["items": [1, 2]])
        #expect(set.vars["old_choice"] == .null)
        #expect(set.matches(expectation: "attempts=2"))
        #expect(set.matches(expectation: "vip"))
        #expect(!set.matches(expectation: "lang=en"))
    }

    @Test func hangupAndRejectDefaults() throws {
        #expect(try Fixtures.goodReply("hangup-defaults").actions == [.hangup(Hangup(reason: "normal"))])
        #expect(try Fixtures.goodReply("hangup-reason").actions.last == .hangup(Hangup(reason: "caller chose to leave")))
        #expect(try Fixtures.goodReply("reject-defaults").actions == [.reject(Reject(code: 603, reason: nil))])
        #expect(try Fixtures.goodReply("reject-all-fields").actions.last == .reject(Reject(code: 486, reason: "Busy Here")))
    }

    @Test func emptyListIsAReply() throws {
        #expect(try Fixtures.goodReply("empty-actions").actions.isEmpty)
    }
}
