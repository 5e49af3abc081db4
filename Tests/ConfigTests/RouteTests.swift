import CallgateCore
import Config
import Testing

/// Routes: patterns compile at load, first match wins, fallbacks and vars are checked.
@Suite struct RouteTests {
    static let routes = """
        routes:
          - match: "100"
            scenario: sales.sh
          - match: "/^\\\\+1555/"
            scenario: us.sh
          - match: '/^\\+4930\\d{4}$/'
            scenario: berlin.sh
          - match: "2??"
            scenario: two.sh
          - match: "+44*"
            scenario: uk.sh
          - match: "1*"
            scenario: ones.sh
        """

    @Test func patternKinds() throws {
        let config = try ConfigFixture.parse(Self.routes)
        #expect(config.routes.map(\.match.kind) == [.exact, .regex, .regex, .glob, .glob, .glob])
        #expect(config.routes[1].match.text == "/^\\+1555/")
    }

    @Test(arguments: [
        ("100", "sales.sh"),  // exact, and first match wins over "1*"
        ("1000", "ones.sh"),
        ("+15551234", "us.sh"),
        ("+304930", nil),
        ("+49301234", "berlin.sh"),
        ("+493012345", nil),  // regex anchored with $
        ("200", "two.sh"),
        ("20", nil),  // ? is exactly one character
        ("2000", nil),
        ("+44", "uk.sh"),  // * may match nothing
        ("+4420", "uk.sh"),
        ("", nil),
    ] as [(String, String?)])
    func routeMatching(number: String, scenario: String?) throws {
        let config = try ConfigFixture.parse(Self.routes)
        #expect(config.route(forDialed: number)?.scenario.written == scenario)
    }

    @Test func unanchoredRegexMatchesAnywhere() throws {
        let pattern = try NumberPattern("/555/")
        #expect(pattern.matches("+15551234"))
        #expect(!pattern.matches("+1556"))
        #expect(try NumberPattern("*").matches(""))
        #expect(try NumberPattern("a*b*c").matches("aXXbYYc"))
        #expect(try !NumberPattern("a*b*c").matches("aXXbYY"))
    }

    @Test func badRegexNamesTheRoute() throws {
        let error = try #require(ConfigFixture.error("routes:\n  - match: \"1\"\n    scenario: a.sh\n  - match: \"/[/\"\n    scenario: b.sh\n"))
        #expect(error.hasPrefix("callgate.yaml: routes[1].match: /[/ is not a valid regular expression"))
        #expect(ConfigFixture.error("routes:\n  - match: \"//\"\n    scenario: b.sh\n") == "callgate.yaml: routes[0].match: // is an empty regular expression")
        #expect(ConfigFixture.error("routes:\n  - match: \"\"\n    scenario: b.sh\n") == "callgate.yaml: routes[0].match: must not be empty")
        #expect(ConfigFixture.error("routes:\n  - match: \"1\"\n    scenario: \"\"\n") == "callgate.yaml: routes[0].scenario: must not be empty")
    }

    @Test func fallbackForms() throws {
        let config = try ConfigFixture.parse("""
            routes:
              - {match: "1", scenario: a.sh}
              - {match: "2", scenario: a.sh, fallback: error_prompt}
              - {match: "3", scenario: a.sh, fallback: {scenario: sub/backup.py}}
              - {match: "4", scenario: a.sh, fallback: {queue: support}}
            """, base: "/srv/cg")
        #expect(config.routes.map(\.fallback) == [
            .errorPrompt, .errorPrompt, .scenario(ConfigPath("sub/backup.py", relativeTo: "/srv/cg/scenarios")), .queue("support"),
        ])
        #expect(config.routes[2].fallback.callFallback == .scenario("/srv/cg/scenarios/sub/backup.py"))
        #expect(config.callConfiguration(for: config.routes[3]).fallback == .queue("support"))
    }

    @Test(arguments: [
        ("fallback: hangup", "callgate.yaml: routes[0].fallback: must be error_prompt, {scenario: FILE} or {queue: NAME}, got \"hangup\""),
        ("fallback: {}", "callgate.yaml: routes[0].fallback: must be error_prompt, {scenario: FILE} or {queue: NAME}, got an empty mapping"),
        ("fallback: [a]", "callgate.yaml: routes[0].fallback: must be error_prompt, {scenario: FILE} or {queue: NAME}, got a list"),
        ("fallback: {scenario: a.sh, queue: q}", "callgate.yaml: routes[0].fallback: give either scenario or queue, not both"),
        ("fallback: {queues: q}", "callgate.yaml: routes[0].fallback.queues: unknown key; did you mean \"queue\"?"),
        ("fallback: {queue: \"a b\"}", "callgate.yaml: routes[0].fallback.queue: must be a queue name (letters, digits, - _ .), got \"a b\""),
        ("fallback: {scenario: \"\"}", "callgate.yaml: routes[0].fallback.scenario: must not be empty"),
        ("deadline_seconds: 0", "callgate.yaml: routes[0].deadline_seconds: must be a number of seconds above 0 and at most 300, got 0"),
        ("vars: [a]", "callgate.yaml: routes[0].vars: must be a mapping of variable names to values, got a list"),
        ("vars: {1line: x}", "callgate.yaml: routes[0].vars.1line: is not a variable name (letters, digits and _, not starting with a digit, at most 64)"),
        ("persistent: maybe", "callgate.yaml: routes[0].persistent: must be true or false, got \"maybe\""),
        ("workers: 3", "callgate.yaml: routes[0].workers: only applies to a persistent scenario; add persistent: true or remove workers"),
        ("persistent: true\n    workers: 0", "callgate.yaml: routes[0].workers: must be between 1 and 16, got 0"),
        ("persistent: true\n    workers: 17", "callgate.yaml: routes[0].workers: must be between 1 and 16, got 17"),
        ("persistent: true\n    workers: two", "callgate.yaml: routes[0].workers: must be a whole number, got \"two\""),
    ])
    func routeRules(line: String, expected: String) {
        #expect(ConfigFixture.error("routes:\n  - match: \"*\"\n    scenario: a.sh\n    \(line)\n") == expected)
    }

    @Test func persistentRoutes() throws {
        let config = try ConfigFixture.parse("""
            routes:
              - {match: "1", scenario: menu.py, persistent: true}
              - {match: "2", scenario: menu.py, persistent: true, workers: 16}
              - {match: "3", scenario: menu.py, persistent: false}
              - {match: "*", scenario: a.sh}
            """)
        #expect(config.routes.map(\.persistent) == [true, true, false, false])
        #expect(config.routes.map(\.workerCount) == [2, 16, 2, 2])
        #expect(config.routes[0].workers == nil)
    }

    @Test func varsTooLargeForTheLimit() {
        let big = String(repeating: "x", count: 1100)
        let yaml = "limits:\n  vars_bytes: 1024\nroutes:\n  - match: \"*\"\n    scenario: a.sh\n    vars: {note: \(big)}\n"
        #expect(ConfigFixture.error(yaml) == "callgate.yaml: routes[0].vars: take 1111 bytes as JSON; limits.vars_bytes allows 1024")
    }

    @Test func routeSettingsReachTheCallMachine() throws {
        let config = try ConfigFixture.parse("""
            limits: {scenario_deadline_seconds: 2.5, events_per_call: 50, vars_bytes: 4096}
            routes:
              - {match: "1", scenario: a.sh, deadline_seconds: 0.25, vars: {line: sales, tries: 2, vip: true, tags: [a, b], none: null}}
              - {match: "*", scenario: a.sh}
            """)
        let first = config.routes[0], second = config.routes[1]
        #expect(first.vars == ["line": "sales", "tries": 2, "vip": true, "tags": ["a", "b"], "none": .null])
        #expect(config.scenarioDeadline(for: first) == .milliseconds(250))
        #expect(config.scenarioDeadline(for: second) == .milliseconds(2500))
        let callConfiguration = config.callConfiguration(for: second)
        #expect(callConfiguration.fallback == .errorPrompt)
        #expect(callConfiguration.maxEvents == 50)
        #expect(callConfiguration.maxVarsBytes == 4096)
    }
}
