import Config
import Testing

/// `srtp:` on agents, trunks and `sip`: each peer's policy, the default, and values refused by key path.
@Suite struct SRTPConfigTests {
    static let yaml = """
        sip:
          srtp: off
        routes:
          - {match: "*", scenario: a.sh}
        agents:
          - {extension: "1001", password_hash: "md5:9bf27cb60eaf5577521b9ee4a59bf9f2", srtp: required}
          - {extension: "1002", password_hash: "md5:6d6ac65532c98927852c4b39c465a18d"}
        trunks:
          - {name: carrier, address: 192.0.2.10:5060, allow: ["+1*"], srtp: optional}
        """

    @Test func eachPeerHasItsPolicy() throws {
        let config = try ConfigFixture.parse(Self.yaml)
        #expect(config.sip.srtp == .off)
        #expect(config.agents.map(\.srtp) == [.required, nil])
        #expect(config.trunks.first?.srtp == .optional)
        #expect(config.srtpPolicy(forDialed: "1001") == .required)
        #expect(config.srtpPolicy(forDialed: "1002") == .off, "no own policy: sip.srtp")
        #expect(config.srtpPolicy(forDialed: "+15551234") == .optional, "the trunk's")
        #expect(config.srtpPolicy(forDialed: "999") == .off)
        #expect(config.srtpPolicy(agent: "1001", sourceHost: "127.0.0.1") == .required)
        #expect(config.srtpPolicy(agent: nil, sourceHost: "192.0.2.10") == .optional, "a call from the trunk's address")
        #expect(config.srtpPolicy(agent: nil, sourceHost: "198.51.100.1") == .off)
    }

    @Test func theDefaultIsOptional() throws {
        let config = try ConfigFixture.parse(ConfigFixture.minimal)
        #expect(config.sip.srtp == .optional)
        #expect(try CallgateConfig.embeddedDefault().sip.srtp == .optional)
    }

    @Test(arguments: [
        ("sip:\n  srtp: yes\n", "callgate.yaml: sip.srtp: must be off, optional or required, got yes"),
        ("sip:\n  srtp: mandatory\n", "callgate.yaml: sip.srtp: must be off, optional or required, got \"mandatory\""),
        ("agents:\n  - {extension: \"1001\", password_hash: \"md5:9bf27cb60eaf5577521b9ee4a59bf9f2\", srtp: sdes}\n",
         "callgate.yaml: agents[0].srtp: must be off, optional or required, got \"sdes\""),
        ("trunks:\n  - {name: a, address: 127.0.0.1:5080, allow: [\"*\"], srtp: [required]}\n",
         "callgate.yaml: trunks[0].srtp: must be off, optional or required, got a list"),
    ])
    func badValuesNameTheirKey(extra: String, expected: String) {
        #expect(ConfigFixture.error(ConfigFixture.minimal + "\n" + extra) == expected)
    }
}
