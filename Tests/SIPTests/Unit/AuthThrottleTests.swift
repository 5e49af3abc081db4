@testable import SIP
import Testing

/// The failed-login throttle, driven with explicit times: no sockets, no clock.
@Suite struct AuthThrottleTests {
    let limits = AuthLimits(maxFailures: 5, failureWindowSeconds: 60, banSeconds: 300)

    @Test func fiveFailuresInTheWindowBanTheSource() {
        let throttle = Box(limits: limits)
        for t in 0..<4 {
            #expect(throttle.recordFailure(source: "192.0.2.1", extension: "100\(t)", now: 1_000 + t).isEmpty)
        }
        #expect(throttle.ban(source: "192.0.2.1", extension: "1001", now: 1_004) == nil)
        let started = throttle.recordFailure(source: "192.0.2.1", extension: "1001", now: 1_004)
        #expect(started == [AuthBan(source: "192.0.2.1", extension: nil, until: 1_304, failures: 5)])
        // Every request from it is refused, whatever it names; other sources are not.
        #expect(throttle.ban(source: "192.0.2.1", extension: "1002", now: 1_005)?.until == 1_304)
        #expect(throttle.ban(source: "192.0.2.1", extension: nil, now: 1_005) != nil)
        #expect(throttle.ban(source: "192.0.2.2", extension: "1001", now: 1_005) == nil)
        #expect(throttle.activeBans(now: 1_005).count == 1)
    }

    @Test func theBanEndsAfterBanSeconds() {
        let throttle = Box(limits: limits)
        for t in 0..<5 { throttle.recordFailure(source: "192.0.2.1", extension: "1001", now: 1_000 + t) }
        #expect(throttle.ban(source: "192.0.2.1", extension: "1001", now: 1_303) != nil)
        #expect(throttle.ban(source: "192.0.2.1", extension: "1001", now: 1_304) == nil)
        #expect(throttle.activeBans(now: 1_304).isEmpty)
        // A fresh start: one more failure is not a ban.
        #expect(throttle.recordFailure(source: "192.0.2.1", extension: "1001", now: 1_305).isEmpty)
    }

    @Test func failuresOutsideTheWindowDoNotCount() {
        let throttle = Box(limits: limits)
        for t in stride(from: 0, to: 20 * 15, by: 15) {   // one failure every 15 s: 4 per minute
            #expect(throttle.recordFailure(source: "192.0.2.1", extension: "1001", now: 1_000 + t).isEmpty)
        }
        #expect(throttle.activeBans(now: 1_300).isEmpty)
    }

    @Test func anAttackerElsewhereCannotLockTheAgentOut() {
        let throttle = Box(limits: limits)
        var bans: [AuthBan] = []
        for t in 0..<50 { bans += throttle.recordFailure(source: "198.51.100.66", extension: "1001", now: 1_000 + t) }
        #expect(bans.count == 1)   // started once, logged once
        #expect(throttle.ban(source: "198.51.100.66", extension: "1001", now: 1_050) != nil)
        #expect(throttle.ban(source: "192.0.2.10", extension: "1001", now: 1_050) == nil)
    }

    @Test func guessesSpreadOverAddressesBanEachGuesserForThatExtension() {
        let throttle = Box(limits: limits)
        for i in 1...4 {
            #expect(throttle.recordFailure(source: "203.0.113.\(i)", extension: "1001", now: 1_000).isEmpty)
        }
        // The fifth failure against 1001 puts it under attack: its sender is banned for 1001 only.
        let fifth = throttle.recordFailure(source: "203.0.113.5", extension: "1001", now: 1_001)
        #expect(fifth == [AuthBan(source: "203.0.113.5", extension: "1001", until: 1_301, failures: 1)])
        #expect(throttle.ban(source: "203.0.113.5", extension: "1001", now: 1_002) != nil)
        #expect(throttle.ban(source: "203.0.113.5", extension: "1002", now: 1_002) == nil)
        // An earlier guesser is banned at its next failure; an address that never failed never is.
        #expect(throttle.recordFailure(source: "203.0.113.1", extension: "1001", now: 1_002).count == 1)
        #expect(throttle.ban(source: "203.0.113.1", extension: "1001", now: 1_003) != nil)
        #expect(throttle.ban(source: "192.0.2.10", extension: "1001", now: 1_003) == nil)
    }

    @Test func memoryStaysBoundedUnderAFloodOfAddresses() {
        let throttle = Box(limits: AuthLimits(maxFailures: 5, failureWindowSeconds: 60, banSeconds: 300, capacity: 500))
        for i in 0..<5_000 {
            throttle.recordFailure(source: "10.\(i / 65_536).\(i / 256 % 256).\(i % 256)", extension: "\(1000 + i % 7)",
                                       now: 1_000 + i / 100)
            #expect(throttle.trackedCount <= 500)
        }
    }

    @Test func sourceAddressesLoseTheirPort() {
        #expect(Authenticator.address(ofSource: "192.0.2.1:5060") == "192.0.2.1")
        #expect(Authenticator.address(ofSource: "[2001:db8::1]:5060") == "2001:db8::1")
        #expect(Authenticator.address(ofSource: "2001:db8::1") == "2001:db8::1")
    }
}

/// A throttle shared by reference so `#expect` can call its mutating methods.
final class Box {
    var throttle: AuthThrottle
    init(limits: AuthLimits) { throttle = AuthThrottle(limits: limits) }
    @discardableResult
    func recordFailure(source: String, extension: String, now: Int) -> [AuthBan] {
        throttle.recordFailure(source: source, extension: `extension`, now: now)
    }
    func ban(source: String, extension: String?, now: Int) -> AuthBan? { throttle.ban(source: source, extension: `extension`, now: now) }
    func activeBans(now: Int) -> [AuthBan] { throttle.activeBans(now: now) }
    var trackedCount: Int { throttle.trackedCount }
}

/// The ban check, the digest check and the bookkeeping together.
@Suite struct AuthenticatorTests {
    var authenticator = Authenticator(digest: DigestAuth(realm: "callgate", secret: Array("s".utf8)),
                                      limits: AuthLimits(maxFailures: 3, failureWindowSeconds: 60, banSeconds: 300))
    let users = ["1001": DigestAuth.ha1(user: "1001", realm: "callgate", password: "demo1001")]

    func attempt(from source: String, user: String = "1001", password: String?, now: Int) -> Authenticator.Attempt {
        var authorization: [String] = []
        if let password {
            let nonce = authenticator.digest.nonce(now: now)
            let ha1 = DigestAuth.ha1(user: user, realm: "callgate", password: password)
            let response = DigestAuth.response(ha1: ha1, nonce: nonce, nc: "00000001", cnonce: "c", qop: "auth",
                                               method: "REGISTER", uri: "sip:callgate")!
            authorization = ["Digest username=\"\(user)\", realm=\"callgate\", nonce=\"\(nonce)\", uri=\"sip:callgate\", "
                             + "response=\"\(response)\", qop=auth, nc=00000001, cnonce=\"c\""]
        }
        return Authenticator.Attempt(source: source, user: user, method: "REGISTER", requestURI: "sip:callgate",
                                     authorization: authorization)
    }

    @Test mutating func aBannedSourceIsRefusedEvenWithTheRightPassword() {
        var started: [AuthBan] = []
        for t in 0..<3 {
            if case .forbidden(let bans) = authenticator.admit(attempt(from: "198.51.100.66", password: "guess", now: 1_000 + t),
                                                               users: users, now: 1_000 + t) {
                started += bans
            } else {
                Issue.record("a wrong password must be forbidden")
            }
        }
        #expect(started.count == 1)
        guard case .banned = authenticator.admit(attempt(from: "198.51.100.66", password: "demo1001", now: 1_010),
                                                 users: users, now: 1_010)
        else { Issue.record("the banned source got through"); return }
        // The agent, elsewhere, still logs in.
        let agent = authenticator.admit(attempt(from: "192.0.2.10", password: "demo1001", now: 1_010), users: users, now: 1_010)
        #expect(agent == .accepted(user: "1001"))
    }

    @Test mutating func unknownAndKnownExtensionsGetTheSameAnswers() {
        func kind(_ decision: Authenticator.Decision) -> String {
            switch decision {
            case .accepted: "accepted"
            case .challenge(_, let reason): "401 \(reason)"
            case .forbidden: "403"
            case .banned: "403"
            }
        }
        let noCredentials = [
            kind(authenticator.admit(attempt(from: "192.0.2.1", user: "1001", password: nil, now: 1_000), users: users, now: 1_000)),
            kind(authenticator.admit(attempt(from: "192.0.2.1", user: "9999", password: nil, now: 1_000), users: users, now: 1_000)),
        ]
        #expect(noCredentials == ["401 noCredentials", "401 noCredentials"])
        let wrong = [
            kind(authenticator.admit(attempt(from: "192.0.2.2", user: "1001", password: "guess", now: 1_000), users: users, now: 1_000)),
            kind(authenticator.admit(attempt(from: "192.0.2.3", user: "9999", password: "guess", now: 1_000), users: users, now: 1_000)),
        ]
        #expect(wrong == ["403", "403"])
    }
}
