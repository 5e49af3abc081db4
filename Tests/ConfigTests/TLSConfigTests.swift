import Config
import Testing

/// `sip.tls` and `transport: tls` on agents and trunks: decoding, defaults and the rules.
@Suite struct TLSConfigTests {
    static let tls = """
        sip:
          listen: 127.0.0.1:5060
          tls:
            listen: 0.0.0.0:5061
            certificate: tls/cert.pem
            key: /etc/callgate/key.pem
        """

    static let agent = """
        agents:
          - {extension: "1001", name: Alice, password_hash: "md5:9bf27cb60eaf5577521b9ee4a59bf9f2", transport: tls}
          - {extension: "1002", name: Bob, password_hash: "md5:6d6ac65532c98927852c4b39c465a18d"}
        """

    @Test func absentMeansNoTLS() throws {
        let config = try ConfigFixture.parse(ConfigFixture.minimal)
        #expect(config.sip.tls == nil)
        #expect(try CallgateConfig.embeddedDefault(baseDirectory: "/srv/callgate").sip.tls == nil)
    }

    @Test func listenCertificateKeyAndDefaultVersion() throws {
        let config = try ConfigFixture.parse(Self.tls + "\n" + ConfigFixture.minimal)
        let tls = try #require(config.sip.tls)
        #expect(tls.listen == HostPort(host: "0.0.0.0", port: 5061))
        #expect(tls.certificate.written == "tls/cert.pem")
        #expect(tls.certificate.resolved == "/srv/callgate/tls/cert.pem", "relative to the configuration file")
        #expect(tls.key.resolved == "/etc/callgate/key.pem")
        #expect(tls.minVersion == .v1_2)
    }

    @Test(arguments: [("\"1.3\"", CallgateConfig.TLS.MinVersion.v1_3), ("1.3", .v1_3), ("1.2", .v1_2)])
    func minVersion(text: String, expected: CallgateConfig.TLS.MinVersion) throws {
        let config = try ConfigFixture.parse(Self.tls + "\n    min_version: \(text)\n" + ConfigFixture.minimal)
        #expect(config.sip.tls?.minVersion == expected)
    }

    @Test func agentsAndTrunksMayRequireTLS() throws {
        let yaml = Self.tls + "\n" + ConfigFixture.minimal + "\n" + Self.agent + """

            trunks:
              - {name: secure, address: 192.0.2.1:5061, allow: ["+1*"], transport: tls}
              - {name: plain, address: 192.0.2.2:5060, allow: ["+4*"]}
            """
        let config = try ConfigFixture.parse(yaml)
        #expect(config.agents.map(\.transport) == [.tls, .any])
        #expect(config.trunks.map(\.transport) == [.tls, .any])
    }

    @Test(arguments: [
        (TLSConfigTests.tls + "\n    min_version: 1.1\n", "callgate.yaml: sip.tls.min_version: must be 1.2 or 1.3, got 1.1"),
        (TLSConfigTests.tls + "\n    ciphers: ALL\n", "callgate.yaml: sip.tls.ciphers: unknown key; expected one of: listen, certificate, key, min_version"),
        ("sip:\n  tls:\n    certificate: c.pem\n    key: k.pem\n", "callgate.yaml: sip.tls.listen: is required (host:port of the TLS listener, such as 0.0.0.0:5061)"),
        ("sip:\n  tls:\n    listen: 127.0.0.1:5061\n    key: k.pem\n", "callgate.yaml: sip.tls.certificate: is required (the PEM certificate file, such as tls/cert.pem)"),
        ("sip:\n  tls:\n    listen: 127.0.0.1:5061\n    certificate: c.pem\n", "callgate.yaml: sip.tls.key: is required (the PEM private key file, such as tls/key.pem)"),
        ("sip:\n  tls: {listen: 127.0.0.1:5060, certificate: c.pem, key: k.pem}\n",
         "callgate.yaml: sip.tls.listen: must use another port than sip.listen (127.0.0.1:5060): both listen on TCP; 5061 is the usual TLS port"),
        ("sip:\n  tls: {listen: 5061, certificate: c.pem, key: k.pem}\n",
         "callgate.yaml: sip.tls.listen: must be host:port with a port from 1 to 65535, such as 127.0.0.1:5060, got 5061"),
        (TLSConfigTests.agent, "callgate.yaml: agents[0].transport: tls needs a TLS listener: add sip.tls (listen, certificate, key)"),
        ("trunks:\n  - {name: a, address: 192.0.2.1:5061, allow: [\"*\"], transport: tls}\n",
         "callgate.yaml: trunks[0].transport: tls needs sip.tls (its certificate is ours towards the trunk): add sip.tls"),
        ("agents:\n  - {extension: \"1001\", name: A, password_hash: \"md5:9bf27cb60eaf5577521b9ee4a59bf9f2\", transport: udp}\n",
         "callgate.yaml: agents[0].transport: must be any or tls, got \"udp\""),
    ])
    func rules(yaml: String, expected: String) {
        #expect(ConfigFixture.error(yaml + "\n" + ConfigFixture.minimal) == expected)
    }
}
