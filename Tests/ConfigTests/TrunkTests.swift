import Config
import Testing

/// Trunks: the first whose allow list matches carries the call; none means not allowed.
@Suite struct TrunkTests {
    static let yaml = """
        routes:
          - {match: "*", scenario: a.sh}
        trunks:
          - name: us
            address: 127.0.0.1:5080
            allow: ["+1555*", "+1800???????"]
          - name: germany
            address: "[::1]:5090"
            allow: ['/^\\+4930/', "+49*"]
          - name: anything-else
            address: 127.0.0.1:5099
            allow: ["+*"]
        """

    @Test(arguments: [
        ("+15551234567", "us"),
        ("+18001234567", "us"),
        ("+1800123456", "anything-else"),
        ("+49301234", "germany"),
        ("+4989123", "germany"),
        ("+33123", "anything-else"),
        ("0033123", nil),
        ("1001", nil),
    ] as [(String, String?)])
    func trunkForNumber(number: String, trunk: String?) throws {
        let config = try ConfigFixture.parse(Self.yaml)
        #expect(config.trunk(forNumber: number)?.name == trunk)
    }

    @Test func trunkFields() throws {
        let config = try ConfigFixture.parse(Self.yaml)
        #expect(config.trunks.map(\.address.description) == ["127.0.0.1:5080", "[::1]:5090", "127.0.0.1:5099"])
        #expect(config.trunks[1].allow.map(\.text) == ["/^\\+4930/", "+49*"])
    }

    @Test func noTrunksMeansNothingExternalIsAllowed() throws {
        #expect(try ConfigFixture.parse(ConfigFixture.minimal).trunk(forNumber: "+15551234") == nil)
    }

    @Test(arguments: [
        ("- {name: a, address: 127.0.0.1:5080, allow: []}", "callgate.yaml: trunks[0].allow: must list at least one number pattern; a trunk that allows nothing is never used"),
        ("- {name: a, address: 127.0.0.1:5080, allow: \"+1*\"}", "callgate.yaml: trunks[0].allow: must be a list, got \"+1*\""),
        ("- {name: a, address: 127.0.0.1:5080, allow: [\"/(/\"]}", "callgate.yaml: trunks[0].allow[0]: /(/ is not a valid regular expression: expected ')'"),
        ("- {name: a, address: carrier.example, allow: [\"*\"]}", "callgate.yaml: trunks[0].address: must be host:port with a port from 1 to 65535, such as 127.0.0.1:5060, got \"carrier.example\""),
        ("- {name: a, allow: [\"*\"]}", "callgate.yaml: trunks[0].address: is required (host:port of the carrier's SIP server)"),
        ("- {name: a, address: 127.0.0.1:5080}", "callgate.yaml: trunks[0].allow: is required (the external numbers that may be dialed through it, such as [\"+1555*\"])"),
        ("- {name: a, address: 127.0.0.1:5080, allow: [\"*\"]}\n  - {name: a, address: 127.0.0.1:5081, allow: [\"*\"]}", "callgate.yaml: trunks[1].name: \"a\" is already used by trunks[0]"),
        ("- {name: \"\", address: 127.0.0.1:5080, allow: [\"*\"]}", "callgate.yaml: trunks[0].name: must not be empty"),
    ])
    func trunkRules(entry: String, expected: String) {
        #expect(ConfigFixture.error(ConfigFixture.minimal + "\ntrunks:\n  \(entry)\n") == expected)
    }
}
