import CallgateCore
import Testing
@testable import HTTPAPI

@Suite struct EventMailboxTests {
    @Test func nextWaitsForAPush() async {
        let mailbox = EventMailbox(capacity: 8)
        async let received = mailbox.next()
        try? await Task.sleep(for: .milliseconds(20))
        mailbox.push(EngineEvent(type: "a", time: 1))
        #expect(await received?.type == "a")
    }

    @Test func finishHandsOutWhatIsLeftThenNil() async {
        let mailbox = EventMailbox(capacity: 8)
        mailbox.push(EngineEvent(type: "a", time: 1))
        mailbox.push(EngineEvent(type: "b", time: 2))
        mailbox.finish()
        mailbox.push(EngineEvent(type: "late", time: 3))
        #expect(await mailbox.next()?.type == "a")
        #expect(await mailbox.next()?.type == "b")
        #expect(await mailbox.next() == nil)
    }

    @Test func finishWakesAWaitingReader() async {
        let mailbox = EventMailbox(capacity: 8)
        async let received = mailbox.next()
        try? await Task.sleep(for: .milliseconds(20))
        mailbox.finish()
        #expect(await received == nil)
    }

    @Test func cancellingAWaitingReaderReturnsNil() async {
        let mailbox = EventMailbox(capacity: 8)
        let reader = Task { await mailbox.next() }
        try? await Task.sleep(for: .milliseconds(20))
        reader.cancel()
        #expect(await reader.value == nil)
    }
}
