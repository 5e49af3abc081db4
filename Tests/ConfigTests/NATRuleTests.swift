import Config
import Testing

/// NAT keys: the symmetric-RTP policy per caller, agent and trunk, and the keep-alive interval.
@Suite struct NATRuleTests {
    static let hash = AgentRuleTests.hash

    @Test func latchingDefaultsToTheSignallingIPAndIsSetPerAgentAndTrunk() throws {
        let yaml = AgentRuleTests.route + """
            rtp:
              latching: strict
            agents:
              - extension: "1001"
                password_hash: "\(Self.hash)"
                rtp_latching: off
              - extension: "1002"
                password_hash: "\(Self.hash)"
            trunks:
              - name: carrier
                address: 192.0.2.1:5060
                allow: ["+1555*"]
                rtp_latching: signalling_ip

            """
        let config = try ConfigFixture.parse(yaml)
        #expect(config.rtp.latching == .strict)
        #expect(config.agents[0].rtpLatching == .off, "a bare off is YAML's false, and means off")
        #expect(config.agents[1].rtpLatching == nil)
        #expect(config.trunks[0].rtpLatching == .signallingIP)
        #expect(try ConfigFixture.parse(ConfigFixture.minimal).rtp.latching == .signallingIP)
        #expect(try ConfigFixture.parse(ConfigFixture.minimal).sip.natKeepaliveSeconds == 30)
    }

    @Test func anUnknownPolicyNamesTheChoices() {
        let yaml = AgentRuleTests.agents("  - extension: \"1001\"\n    password_hash: \"\(Self.hash)\"\n    rtp_latching: comedia\n")
        #expect(ConfigFixture.error(yaml) == "callgate.yaml: agents[0].rtp_latching: must be one of strict, signalling_ip, off, got \"comedia\"")
    }

    @Test(arguments: [1, 4, 3601])
    func keepaliveOutOfRangeIsRefused(seconds: Int) {
        let yaml = "sip:\n  nat_keepalive_seconds: \(seconds)\n" + ConfigFixture.minimal
        #expect(ConfigFixture.error(yaml) == "callgate.yaml: sip.nat_keepalive_seconds: must be 0 (off) or between 5 and 3600, got \(seconds)")
    }
}
