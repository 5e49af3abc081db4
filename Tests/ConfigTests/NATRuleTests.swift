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

    @Test func anEngineBehindANATGivesOutsidersItsPublicMediaAddress() throws {
        let yaml = """
            sip:
              public_address: 203.0.113.10
              local_networks: [10.0.0.0/8, 192.168.1.0/24]
            rtp:
              address: 10.0.0.5
              public_address: 203.0.113.10

            """ + ConfigFixture.minimal
        let config = try ConfigFixture.parse(yaml)
        #expect(config.sip.localNetworks.map(\.description) == ["10.0.0.0/8", "192.168.1.0/24"])
        let sdp = { (peer: String) in config.rtp.sdpAddress(forPeer: peer, localNetworks: config.sip.localNetworks) }
        #expect(sdp("10.20.30.40") == "10.0.0.5", "a phone in the office")
        #expect(sdp("192.168.1.77") == "10.0.0.5")
        #expect(sdp("192.168.2.77") == "203.0.113.10", "outside the /24")
        #expect(sdp("198.51.100.9") == "203.0.113.10", "an operator at home")
        #expect(try ConfigFixture.parse(ConfigFixture.minimal).rtp.sdpAddress(forPeer: "198.51.100.9", localNetworks: []) == "127.0.0.1",
                "without rtp.public_address, rtp.address for everyone")
    }

    @Test(arguments: ["10.0.0.0/33", "10.0.0/8", "lan", "10.0.0.256/24"])
    func aBadLocalNetworkIsRefused(network: String) {
        let yaml = "sip:\n  local_networks: [\"\(network)\"]\n" + ConfigFixture.minimal
        #expect(ConfigFixture.error(yaml) == "callgate.yaml: sip.local_networks[0]: must be an IPv4 network such as 10.0.0.0/8 or 192.168.1.0/24, got \"\(network)\"")
    }

    @Test func aPublicMediaAddressMustBeAnAddress() {
        let yaml = "rtp:\n  public_address: media.example.com\n" + ConfigFixture.minimal
        #expect(ConfigFixture.error(yaml) == "callgate.yaml: rtp.public_address: must be the IPv4 address peers send RTP to (SDP carries addresses, not names), got \"media.example.com\"")
    }
}
