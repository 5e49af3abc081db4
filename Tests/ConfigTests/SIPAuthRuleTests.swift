import Config
import Testing

/// `sip.auth`, `sip.max_contacts_per_agent`, and the demo agents' public hashes off loopback.
@Suite struct SIPAuthRuleTests {
    static let route = "\nroutes:\n  - match: \"*\"\n    scenario: demo-ivr.sh\n"
    static let demoAgent = "\nagents:\n  - extension: \"1002\"\n    password_hash: \"md5:6d6ac65532c98927852c4b39c465a18d\"\n"
    static let ownAgent = "\nagents:\n  - extension: \"1002\"\n    password_hash: \"md5:0123456789abcdef0123456789abcdef\"\n"

    @Test func defaultsAreFiveFailuresInAMinuteForFiveMinutesAndThreeContacts() throws {
        let config = try ConfigFixture.parse(ConfigFixture.minimal)
        #expect(config.sip.auth.maxFailures == 5)
        #expect(config.sip.auth.failureWindowSeconds == 60)
        #expect(config.sip.auth.banSeconds == 300)
        #expect(config.sip.maxContactsPerAgent == 3)
    }

    @Test func theKeysAreRead() throws {
        let config = try ConfigFixture.parse("""
            sip:
              max_contacts_per_agent: 1
              auth:
                max_failures: 10
                failure_window_seconds: 120
                ban_seconds: 3600
            """ + Self.route)
        #expect(config.sip.auth.maxFailures == 10)
        #expect(config.sip.auth.failureWindowSeconds == 120)
        #expect(config.sip.auth.banSeconds == 3600)
        #expect(config.sip.maxContactsPerAgent == 1)
    }

    @Test(arguments: [
        ("sip:\n  auth:\n    max_failures: 0", "callgate.yaml: sip.auth.max_failures: must be between 1 and 1000, got 0"),
        ("sip:\n  auth:\n    failure_window_seconds: -1", "callgate.yaml: sip.auth.failure_window_seconds: must be between 1 and 86400, got -1"),
        ("sip:\n  auth:\n    ban_seconds: 9999999", "callgate.yaml: sip.auth.ban_seconds: must be between 1 and 604800, got 9999999"),
        ("sip:\n  max_contacts_per_agent: 0", "callgate.yaml: sip.max_contacts_per_agent: must be between 1 and 100, got 0"),
        ("sip:\n  auth:\n    max_failure: 3", "callgate.yaml: sip.auth.max_failure: unknown key; did you mean \"max_failures\"?"),
    ])
    func rangesAndNames(yaml: String, expected: String) {
        #expect(ConfigFixture.error(yaml + Self.route) == expected)
    }

    @Test(arguments: ["192.0.2.10:5060", "0.0.0.0:5060", "\"[2001:db8::1]:5060\"", "127.evil.example:5060"])
    func demoHashesAreRefusedOffLoopback(listen: String) {
        let yaml = "sip:\n  listen: \(listen)\n  public_address: 192.0.2.10" + Self.route + Self.demoAgent
        #expect(ConfigFixture.error(yaml) == "callgate.yaml: agents[0].password_hash: is a public demo hash of the embedded default "
            + "(password demo1001…demo1003); run `callgate passwd 1002` for a password of your own before sip.listen leaves the loopback address")
        #expect(ConfigFixture.error("sip:\n  listen: \(listen)\n  public_address: 192.0.2.10" + Self.route + Self.ownAgent) == nil)
    }

    @Test(arguments: ["127.0.0.1:5060", "127.0.0.2:5070", "\"[::1]:5060\""])
    func demoHashesAreAcceptedOnLoopback(listen: String) {
        #expect(ConfigFixture.error("sip:\n  listen: \(listen)" + Self.route + Self.demoAgent) == nil)
    }

    @Test func theEmbeddedDefaultHashesAreTheDemoOnes() throws {
        let config = try CallgateConfig.embeddedDefault()
        #expect(Set(config.agents.map(\.passwordHash)) == CallgateConfig.demoPasswordHashes)
    }
}
