import CallgateCore
import Config
import Testing

/// The queue's callback keys: their defaults, and a clear message for each bad value.
@Suite struct QueueCallbackRuleTests {
    @Test func defaultsAndEveryKey() throws {
        let plain = try #require(try ConfigFixture.parse(QueueRuleTests.queue("")).queueSettings().first)
        #expect(plain.callbackMode == .agentFirst && plain.callbackAttempts == 3)
        #expect(plain.callbackRetrySeconds == 60 && plain.callbackRingSeconds == 30 && plain.callbackCallerID == nil)
        let set = try #require(try ConfigFixture.parse(QueueRuleTests.queue("""
                callback_mode: customer_first
                callback_attempts: 5
                callback_retry_seconds: 120
                callback_ring_seconds: 25
                callback_caller_id: "+15550000"

            """)).queueSettings().first)
        #expect(set.callbackMode == .customerFirst && set.callbackAttempts == 5 && set.callbackRetrySeconds == 120)
        #expect(set.callbackRingSeconds == 25 && set.callbackCallerID == "+15550000")
    }

    @Test(arguments: [
        ("callback_mode: later", "queues[0].callback_mode: must be one of agent_first, customer_first, got \"later\""),
        ("callback_attempts: 0", "queues[0].callback_attempts: must be a whole number from 1 to 20, got 0"),
        ("callback_retry_seconds: -1", "queues[0].callback_retry_seconds: must be a number of seconds from 0 to 86400, got -1"),
        ("callback_ring_seconds: 1", "queues[0].callback_ring_seconds: must be a number of seconds from 5 to 300, got 1"),
        ("callback_caller_id: callgate", "queues[0].callback_caller_id: must be a number the customer sees (digits, +, *, #; at most 32), got \"callgate\""),
    ])
    func badValuesAreNamed(line: String, expected: String) {
        #expect(ConfigFixture.error(QueueRuleTests.queue("    " + line + "\n")) == "callgate.yaml: " + expected)
    }
}
