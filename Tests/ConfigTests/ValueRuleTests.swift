import Config
import Testing

/// Every rule on values, with the exact message naming file and key.
@Suite struct ValueRuleTests {
    static let route = "\nroutes:\n  - match: \"*\"\n    scenario: demo-ivr.sh\n"

    @Test(arguments: [
        ("rtp:\n  port_min: 7", "callgate.yaml: rtp.port_min: must be an even number between 1024 and 65534, got 7"),
        ("rtp:\n  port_min: 20001", "callgate.yaml: rtp.port_min: must be an even number between 1024 and 65534, got 20001"),
        ("rtp:\n  port_max: 20999", "callgate.yaml: rtp.port_max: must be an even number between 1024 and 65534, got 20999"),
        ("rtp:\n  port_max: 65536", "callgate.yaml: rtp.port_max: must be an even number between 1024 and 65534, got 65536"),
        ("rtp:\n  port_min: 30000\n  port_max: 30000", "callgate.yaml: rtp.port_max: must be greater than rtp.port_min (30000), got 30000"),
        ("rtp:\n  port_min: 30000\n  port_max: 20000", "callgate.yaml: rtp.port_max: must be greater than rtp.port_min (30000), got 20000"),
        ("rtp:\n  timeout_seconds: 0", "callgate.yaml: rtp.timeout_seconds: must be a number of seconds above 0 and at most 86400, got 0"),
        ("rtp:\n  timeout_seconds: 1e300", "callgate.yaml: rtp.timeout_seconds: must be a number of seconds above 0 and at most 86400, got 1e+300"),
        ("rtp:\n  address: \"\"", "callgate.yaml: rtp.address: must not be empty"),
    ])
    func rtpRules(yaml: String, expected: String) {
        #expect(ConfigFixture.error(yaml + Self.route) == expected)
    }

    @Test func smallestRTPRangeHoldsTwoPorts() throws {
        let config = try ConfigFixture.parse("rtp:\n  port_min: 20000\n  port_max: 20002" + Self.route)
        #expect(config.rtp.portCount == 2)
        #expect(CallgateConfig.RTP().portCount == 500)
    }

    @Test(arguments: [
        ("sip:\n  listen: localhost", "callgate.yaml: sip.listen: must be host:port with a port from 1 to 65535, such as 127.0.0.1:5060, got \"localhost\""),
        ("sip:\n  listen: 127.0.0.1:70000", "callgate.yaml: sip.listen: must be host:port with a port from 1 to 65535, such as 127.0.0.1:5060, got \"127.0.0.1:70000\""),
        ("sip:\n  listen: \":5060\"", "callgate.yaml: sip.listen: must be host:port with a port from 1 to 65535, such as 127.0.0.1:5060, got \":5060\""),
        ("http:\n  listen: 127.0.0.1:http", "callgate.yaml: http.listen: must be host:port with a port from 1 to 65535, such as 127.0.0.1:5060, got \"127.0.0.1:http\""),
        ("sip:\n  listen: 0.0.0.0:5060", "callgate.yaml: sip.public_address: must be an address phones can reach, got \"0.0.0.0\"; set it when sip.listen is a wildcard such as 0.0.0.0"),
        ("sip:\n  realm: \"a\\\"b\"", "callgate.yaml: sip.realm: must be non-empty text without quotes or backslashes, got \"a\"b\""),
        ("sip:\n  max_calls: 0", "callgate.yaml: sip.max_calls: must be between 1 and 100000, got 0"),
        ("data_dir: \"\"", "callgate.yaml: data_dir: must be a folder name, got \"\""),
    ])
    func addressAndSIPRules(yaml: String, expected: String) {
        #expect(ConfigFixture.error(yaml + Self.route) == expected)
    }

    @Test func listenAddressForms() throws {
        let config = try ConfigFixture.parse("sip:\n  listen: \"[::1]:5070\"\n  public_address: 192.0.2.10\nhttp:\n  listen: 0.0.0.0:8081" + Self.route)
        #expect(config.sip.listen == HostPort(host: "::1", port: 5070))
        #expect(config.sip.listen.description == "[::1]:5070")
        #expect(config.sip.publicAddress == "192.0.2.10")
        #expect(config.http.listen.isWildcard)
        let wildcard = try ConfigFixture.parse("sip:\n  listen: 0.0.0.0:5060\n  public_address: 192.0.2.10" + Self.route)
        #expect(wildcard.sip.publicAddress == "192.0.2.10")
        let defaulted = try ConfigFixture.parse("sip:\n  listen: 10.1.2.3:5062" + Self.route)
        #expect(defaulted.sip.publicAddress == "10.1.2.3")
    }

    @Test(arguments: [
        ("tts:\n  command: []", "callgate.yaml: tts.command: must start with the program to run, such as [espeak-ng, -v, \"{voice}\", --stdout, \"{text}\"]"),
        ("tts:\n  command: [say, \"{txt}\"]", "callgate.yaml: tts.command[1]: unknown placeholder {txt}; the command may use {voice} and {text}"),
        ("tts:\n  voice: \"\"", "callgate.yaml: tts.voice: must not be empty"),
        ("limits:\n  scenario_deadline_seconds: 0", "callgate.yaml: limits.scenario_deadline_seconds: must be a number of seconds above 0 and at most 300, got 0"),
        ("limits:\n  scenario_deadline_seconds: 301", "callgate.yaml: limits.scenario_deadline_seconds: must be a number of seconds above 0 and at most 300, got 301"),
        ("limits:\n  scenario_output_bytes: 10", "callgate.yaml: limits.scenario_output_bytes: must be at least 1024, got 10"),
        ("limits:\n  scenario_processes: 0", "callgate.yaml: limits.scenario_processes: must be at least 1, got 0"),
        ("limits:\n  events_per_call: -1", "callgate.yaml: limits.events_per_call: must be at least 1, got -1"),
        ("limits:\n  vars_bytes: 100", "callgate.yaml: limits.vars_bytes: must be at least 1024, got 100"),
    ])
    func ttsAndLimitRules(yaml: String, expected: String) {
        #expect(ConfigFixture.error(yaml + Self.route) == expected)
    }

    @Test func ttsArgumentsFillPlaceholders() throws {
        let tts = try ConfigFixture.parse(ConfigFixture.minimal).tts
        #expect(tts.arguments(text: "Hello {there}") == ["espeak-ng", "-v", "en-us", "--stdout", "Hello {there}"])
        #expect(tts.arguments(text: "Hallo", voice: "de") == ["espeak-ng", "-v", "de", "--stdout", "Hallo"])
    }
}
