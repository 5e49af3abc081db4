import CallgateCore
import Config
import Testing

/// The `queues:` section: every key with its default, every rule with its message.
@Suite struct QueueRuleTests {
    static let route = "routes:\n  - match: \"*\"\n    scenario: demo-ivr.sh\n"

    static func queue(_ lines: String) -> String { route + "queues:\n  - name: sales\n" + lines }

    @Test func aQueueWithOnlyANameTakesEveryDefault() throws {
        let config = try ConfigFixture.parse(Self.queue(""))
        let sales = QueueSettings(name: "sales")
        #expect(config.queueSettings() == [sales])
        #expect(sales.strategy == .longestIdle)
        #expect(sales.maxWaitSeconds == 300)
        #expect(sales.maxLength == 0)
        #expect(!sales.joinEmpty)
        #expect(sales.leaveEmpty)
        #expect(sales.ringTimeoutSeconds == 15)
        #expect(sales.retryDelaySeconds == 5)
        #expect(sales.wrapUpSeconds == 10)
        #expect(sales.serviceLevelSeconds == 20)
        #expect(sales.announcePosition && sales.announceWait)
        #expect(sales.announceEverySeconds == 30)
        #expect(sales.musicOnHold == "moh.wav")
        #expect(!sales.record)
        #expect(sales.maxMissedOffers == 3)
    }

    @Test func everyKeyIsRead() throws {
        let config = try ConfigFixture.parse(Self.queue("""
                strategy: skills-based
                max_wait_seconds: 90.5
                max_length: 25
                join_empty: true
                leave_empty: false
                ring_timeout_seconds: 20
                retry_delay_seconds: 0
                wrap_up_seconds: 0
                service_level_seconds: 30
                announce_position: false
                announce_wait: true
                announce_every_seconds: 45
                moh: hold/jazz.wav
                record: true
                max_missed_offers: 0

            """))
        #expect(config.queues == [QueueSettings(
            name: "sales", strategy: .skillsBased, maxWaitSeconds: 90.5, maxLength: 25, joinEmpty: true, leaveEmpty: false,
            ringTimeoutSeconds: 20, retryDelaySeconds: 0, wrapUpSeconds: 0, serviceLevelSeconds: 30, announcePosition: false,
            announceWait: true, announceEverySeconds: 45, musicOnHold: "hold/jazz.wav", record: true, maxMissedOffers: 0)])
    }

    @Test(arguments: QueueStrategy.allCases)
    func everyStrategyNameIsAccepted(strategy: QueueStrategy) throws {
        let config = try ConfigFixture.parse(Self.queue("    strategy: \(strategy.rawValue)\n"))
        #expect(config.queues[0].strategy == strategy)
    }

    @Test(arguments: [
        ("    strategy: roundrobin\n", "callgate.yaml: queues[0].strategy: must be one of ring-all, longest-idle, round-robin, fewest-calls, least-talk-time, random, skills-based, got \"roundrobin\""),
        ("    stratgy: random\n", "callgate.yaml: queues[0].stratgy: unknown key; did you mean \"strategy\"?"),
        ("    join_empty: maybe\n", "callgate.yaml: queues[0].join_empty: must be true or false, got \"maybe\""),
        ("    record: 1\n", "callgate.yaml: queues[0].record: must be true or false, got 1"),
        ("    max_length: 2.5\n", "callgate.yaml: queues[0].max_length: must be a whole number, got 2.5"),
        ("    max_wait_seconds: soon\n", "callgate.yaml: queues[0].max_wait_seconds: must be a number, got \"soon\""),
        ("    max_wait_seconds: -1\n", "callgate.yaml: queues[0].max_wait_seconds: must be a number of seconds from 0 (no limit) to 86400, got -1"),
        ("    max_wait_seconds: 86401\n", "callgate.yaml: queues[0].max_wait_seconds: must be a number of seconds from 0 (no limit) to 86400, got 86401"),
        ("    ring_timeout_seconds: 0\n", "callgate.yaml: queues[0].ring_timeout_seconds: must be a number of seconds from 1 to 300, got 0"),
        ("    retry_delay_seconds: 3601\n", "callgate.yaml: queues[0].retry_delay_seconds: must be a number of seconds from 0 to 3600, got 3601"),
        ("    wrap_up_seconds: -5\n", "callgate.yaml: queues[0].wrap_up_seconds: must be a number of seconds from 0 to 3600, got -5"),
        ("    service_level_seconds: 0\n", "callgate.yaml: queues[0].service_level_seconds: must be a number of seconds from 1 to 3600, got 0"),
        ("    announce_every_seconds: 2\n", "callgate.yaml: queues[0].announce_every_seconds: must be a number of seconds from 5 to 3600, got 2"),
        ("    max_length: -1\n", "callgate.yaml: queues[0].max_length: must be a whole number from 0 (no limit) to 100000, got -1"),
        ("    max_missed_offers: 101\n", "callgate.yaml: queues[0].max_missed_offers: must be a whole number from 0 (never pause) to 100, got 101"),
        ("    moh: ../secret.wav\n", "callgate.yaml: queues[0].moh: must not climb out of the sounds folder (\"..\"), got \"../secret.wav\""),
        ("    moh: \"\"\n", "callgate.yaml: queues[0].moh: must name a sound file in sounds_dir"),
    ])
    func valueRules(lines: String, expected: String) {
        #expect(ConfigFixture.error(Self.queue(lines)) == expected)
    }

    @Test func namesAreRequiredValidAndUnique() {
        #expect(ConfigFixture.error(Self.route + "queues:\n  - strategy: random\n") == "callgate.yaml: queues[0].name: is required (what enqueue actions call the queue, such as support)")
        #expect(ConfigFixture.error(Self.route + "queues:\n  - name: \"tier 1\"\n") == "callgate.yaml: queues[0].name: must be a queue name (1 to 64 letters, digits, - _ .), got \"tier 1\"")
        #expect(ConfigFixture.error(Self.route + "queues:\n  - name: a\n  - name: b\n  - name: a\n") == "callgate.yaml: queues[2].name: \"a\" is already used by queues[0]")
        #expect(ConfigFixture.error(Self.route + "queues: support\n") == "callgate.yaml: queues: must be a list, got \"support\"")
    }
}

/// Agents' skills and queues, and the API token.
@Suite struct AgentQueueRuleTests {
    static let head = QueueRuleTests.route + "queues:\n  - name: support\n  - name: billing\nagents:\n"
    static let hash = "md5:9bf27cb60eaf5577521b9ee4a59bf9f2"

    static func agent(_ extra: String) -> String {
        head + "  - extension: \"1001\"\n    password_hash: \"\(hash)\"\n" + extra
    }

    @Test func skillsAndQueuesBecomeTheAgentsProfile() throws {
        let config = try ConfigFixture.parse(Self.agent("    name: Alice\n    skills: {en: 8, fr-ca: 2}\n    queues: [billing, support]\n"))
        #expect(config.agentProfiles() == [
            AgentProfile(extension: "1001", name: "Alice", skills: ["en": 8, "fr-ca": 2], queues: ["billing", "support"])
        ])
        let plain = try ConfigFixture.parse(Self.agent(""))
        #expect(plain.agentProfiles() == [AgentProfile(extension: "1001", name: "1001")])
    }

    @Test(arguments: [
        ("    skills: {en: 11}\n", "callgate.yaml: agents[0].skills.en: must be a level from 1 to 10, got 11"),
        ("    skills: {en: 0}\n", "callgate.yaml: agents[0].skills.en: must be a level from 1 to 10, got 0"),
        ("    skills: {en: high}\n", "callgate.yaml: agents[0].skills.en: must be a whole number, got \"high\""),
        ("    skills: {\"e n\": 3}\n", "callgate.yaml: agents[0].skills.e n: is not a skill name (1 to 64 letters, digits, - _)"),
        ("    skills: [en, fr]\n", "callgate.yaml: agents[0].skills: must be a mapping of skill names to levels from 1 to 10, such as {en: 5}, got a list"),
        ("    queues: [support, suport]\n", "callgate.yaml: agents[0].queues[1]: \"suport\" is not a configured queue; expected one of: support, billing"),
        ("    queues: [billing, billing]\n", "callgate.yaml: agents[0].queues[1]: \"billing\" is already listed at agents[0].queues[0]"),
        ("    queues: billing\n", "callgate.yaml: agents[0].queues: must be a list, got \"billing\""),
    ])
    func agentRules(lines: String, expected: String) {
        #expect(ConfigFixture.error(Self.agent(lines)) == expected)
    }

    @Test func agentQueuesNeedConfiguredQueues() {
        let yaml = QueueRuleTests.route + "agents:\n  - extension: \"1001\"\n    password_hash: \"\(Self.hash)\"\n    queues: [support]\n"
        #expect(ConfigFixture.error(yaml) == "callgate.yaml: agents[0].queues[0]: \"support\" is not a configured queue; no queues are configured (add them under queues:)")
    }

    @Test func tokenIsOptionalAndRead() throws {
        #expect(try ConfigFixture.parse(ConfigFixture.minimal).http.token == nil)
        let config = try ConfigFixture.parse("http:\n  listen: 0.0.0.0:8080\n  token: s3cret-s3cret-s3cret\n" + QueueRuleTests.route)
        #expect(config.http.token == "s3cret-s3cret-s3cret")
    }

    @Test(arguments: [
        ("  token: short-secret\n", "callgate.yaml: http.token: must be at least 16 characters, got 12"),
        ("  token: \"long enough but spaced\"\n", "callgate.yaml: http.token: must be printable ASCII without spaces"),
        ("  token: [a]\n", "callgate.yaml: http.token: must be a string, got a list"),
        ("  listen: 192.0.2.1:8080\n  token: demo-token-change-me-0001\n", "callgate.yaml: http.token: is the public demo token of the embedded default; set a token of your own before http.listen leaves the loopback address"),
        ("  tokn: abc\n", "callgate.yaml: http.tokn: unknown key; did you mean \"token\"?"),
    ])
    func tokenRules(lines: String, expected: String) {
        #expect(ConfigFixture.error("http:\n" + lines + QueueRuleTests.route) == expected)
    }

    @Test func theDemoTokenIsAcceptedOnLoopback() throws {
        for listen in ["127.0.0.1:8080", "\"[::1]:8080\"", "localhost:9000"] {
            let config = try ConfigFixture.parse("http:\n  listen: \(listen)\n  token: demo-token-change-me-0001\n" + QueueRuleTests.route)
            #expect(config.http.token == CallgateConfig.HTTP.demoToken)
        }
    }

    @Test func theEmbeddedDefaultGivesTheQueueMachineItsQueuesAndAgents() throws {
        let config = try CallgateConfig.embeddedDefault(baseDirectory: "/srv/callgate")
        let profiles = config.agentProfiles()
        #expect(profiles.map(\.extension) == ["1001", "1002", "1003"])
        #expect(profiles.filter { $0.queues.contains("support") }.map(\.extension) == ["1001", "1002"])
        #expect(profiles.filter { $0.queues.contains("billing") }.map(\.extension) == ["1002", "1003"])
        var machine = QueueMachine(queues: config.queueSettings(), agents: profiles)
        _ = machine.handle(.agentRegistered("1002"), at: 0)
        _ = machine.handle(.agentLogin("1002", queues: nil), at: 0)
        #expect(machine.snapshot().queues.map(\.agents) == [["1002"], ["1002"]])
    }
}
