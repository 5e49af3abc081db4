import Config
import Testing

/// Unknown keys and wrong types are errors that name the key, never a silent default.
@Suite struct KeyRuleTests {
    static let route = "\nroutes:\n  - match: \"*\"\n    scenario: demo-ivr.sh\n"

    @Test(arguments: [
        ("sipp:\n  listen: 127.0.0.1:5060" + route, "callgate.yaml: sipp: unknown key; did you mean \"sip\"?"),
        ("sip:\n  lisen: 127.0.0.1:5060" + route, "callgate.yaml: sip.lisen: unknown key; did you mean \"listen\"?"),
        ("rtp:\n  port_minimum: 20000" + route, "callgate.yaml: rtp.port_minimum: unknown key; did you mean \"port_min\"?"),
        (
            "routes:\n  - match: \"*\"\n    scenario: a.sh\n    colour: red",
            "callgate.yaml: routes[0].colour: unknown key; expected one of: match, scenario, fallback, deadline_seconds, vars, persistent, workers"
        ),
        ("limits:\n  timeout: 3" + route, "callgate.yaml: limits.timeout: unknown key; expected one of: scenario_deadline_seconds, scenario_output_bytes, scenario_processes, events_per_call, vars_bytes, calls_in_setup, setup_retry_after_seconds, min_free_disk_mb"),
    ])
    func unknownKeysAreErrors(yaml: String, expected: String) {
        #expect(ConfigFixture.error(yaml) == expected)
    }

    @Test(arguments: [
        ("data_dir: [a, b]" + route, "callgate.yaml: data_dir: must be a string, got a list"),
        ("data_dir:" + route, "callgate.yaml: data_dir: must be a string, got nothing"),
        ("sounds_dir: {a: 1}" + route, "callgate.yaml: sounds_dir: must be a string, got a mapping"),
        ("scenarios_dir: yes" + route, "callgate.yaml: scenarios_dir: must be a string, got yes (quote it if you mean the text: \"yes\")"),
        ("sip:\n  max_calls: many" + route, "callgate.yaml: sip.max_calls: must be a whole number, got \"many\""),
        ("sip:\n  max_calls: 2.5" + route, "callgate.yaml: sip.max_calls: must be a whole number, got 2.5"),
        ("rtp:\n  timeout_seconds: soon" + route, "callgate.yaml: rtp.timeout_seconds: must be a number, got \"soon\""),
        ("sip: 5060" + route, "callgate.yaml: sip: must be a mapping of keys, got 5060"),
        ("tts:\n  command: espeak-ng" + route, "callgate.yaml: tts.command: must be a list, got \"espeak-ng\""),
        ("routes: \"*\"", "callgate.yaml: routes: must be a list, got \"*\""),
    ])
    func wrongTypesAreErrors(yaml: String, expected: String) {
        #expect(ConfigFixture.error(yaml) == expected)
    }

    @Test func numericScalarsAreAcceptedAsStrings() throws {
        let config = try ConfigFixture.parse("data_dir: 2024\nroutes:\n  - match: 100\n    scenario: 7.sh\n")
        #expect(config.dataDir.written == "2024")
        #expect(config.routes[0].match.text == "100")
    }

    @Test func emptySectionKeepsItsDefaults() throws {
        let config = try ConfigFixture.parse("sip:\nrtp:" + Self.route)
        #expect(config.sip == CallgateConfig.SIP())
        #expect(config.rtp == CallgateConfig.RTP())
    }

    @Test func routesAreRequired() {
        let expected = "callgate.yaml: routes: at least one route is required, such as {match: \"*\", scenario: demo-ivr.sh}"
        #expect(ConfigFixture.error("") == expected)
        #expect(ConfigFixture.error("routes: []") == expected)
        #expect(ConfigFixture.error("sip:\n  realm: x\n") == expected)
    }

    @Test func routeFieldsAreRequired() {
        #expect(ConfigFixture.error("routes:\n  - scenario: a.sh") == "callgate.yaml: routes[0].match: is required (the dialed numbers this route takes, such as \"100\" or \"*\")")
        #expect(ConfigFixture.error("routes:\n  - match: \"1\"") == "callgate.yaml: routes[0].scenario: is required (the executable that handles these calls, in scenarios_dir)")
    }
}
