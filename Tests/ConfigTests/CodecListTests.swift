import Config
import Testing

/// `codecs:` on sip, agents[] and trunks[]: preference order, defaults, errors naming the key.
@Suite struct CodecListTests {
    static let yaml = """
        sip:
          codecs: [pcma, PCMU]
        routes:
          - {match: "*", scenario: a.sh}
        agents:
          - {extension: "1001", password_hash: "md5:9bf27cb60eaf5577521b9ee4a59bf9f2", codecs: [opus, g722, pcmu]}
          - {extension: "1002", password_hash: "md5:6d6ac65532c98927852c4b39c465a18d"}
        trunks:
          - {name: carrier, address: 127.0.0.1:5080, allow: ["+*"], codecs: [g722, pcma]}
        """

    @Test func listsKeepTheirOrder() throws {
        let config = try ConfigFixture.parse(Self.yaml)
        #expect(config.sip.codecs == ["pcma", "pcmu"])
        #expect(config.agents.map(\.codecs) == [["opus", "g722", "pcmu"], []])
        #expect(config.trunks.map(\.codecs) == [["g722", "pcma"]])
    }

    @Test func g711ComesFirstByDefault() throws {
        let config = try ConfigFixture.parse(ConfigFixture.minimal)
        #expect(config.sip.codecs == ["pcmu", "pcma", "g722", "opus"])
        #expect(CallgateConfig.codecNames == ["pcmu", "pcma", "g722", "opus"])
    }

    @Test(arguments: [
        ("sip:\n  codecs: [pcmu, gsm]\n", "callgate.yaml: sip.codecs[1]: unknown codec \"gsm\"; must be a list of codecs in preference order from pcmu, pcma, g722, opus, such as [opus, pcmu]"),
        ("sip:\n  codecs: opus\n", "callgate.yaml: sip.codecs: must be a list of codecs in preference order from pcmu, pcma, g722, opus, such as [opus, pcmu], got \"opus\""),
        ("sip:\n  codecs: []\n", "callgate.yaml: sip.codecs: must be a list of codecs in preference order from pcmu, pcma, g722, opus, such as [opus, pcmu], got an empty list"),
        ("sip:\n  codecs: [opus, OPUS]\n", "callgate.yaml: sip.codecs[1]: opus is listed twice"),
        ("agents:\n  - {extension: \"1001\", password_hash: \"md5:9bf27cb60eaf5577521b9ee4a59bf9f2\", codecs: [g729]}\n",
         "callgate.yaml: agents[0].codecs[0]: unknown codec \"g729\"; must be a list of codecs in preference order from pcmu, pcma, g722, opus, such as [opus, pcmu]"),
        ("trunks:\n  - {name: c, address: 127.0.0.1:5080, allow: [\"+*\"], codecs: [speex]}\n",
         "callgate.yaml: trunks[0].codecs[0]: unknown codec \"speex\"; must be a list of codecs in preference order from pcmu, pcma, g722, opus, such as [opus, pcmu]"),
    ])
    func badListsNameTheirKey(yaml: String, message: String) {
        #expect(ConfigFixture.error(yaml + "routes:\n  - {match: \"*\", scenario: a.sh}\n") == message)
    }
}
