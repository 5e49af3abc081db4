import NIOCore
import Testing
@testable import HTTPAPI

/// A flood of refused connections makes one log line per interval, not one per connection.
@Suite struct RefusalLogThrottleTests {
    @Test func oneLinePerIntervalWithTheCountInBetween() {
        let throttle = RefusalLogThrottle(interval: .seconds(10))
        let start = NIODeadline.uptimeNanoseconds(1_000_000_000)
        #expect(throttle.note(at: start) == 1)                       // the first is reported at once
        for n in 1...999 { #expect(throttle.note(at: start + .milliseconds(Int64(n))) == nil) }
        #expect(throttle.note(at: start + .seconds(10)) == 1000)     // the 999 held back, and this one
        #expect(throttle.note(at: start + .seconds(11)) == nil)
        #expect(throttle.note(at: start + .seconds(25)) == 2)
    }
}
