import Config
import Testing

/// `http.listen` counts as loopback on the parsed address, never on a prefix of its text (issue 9, part 8).
@Suite struct LoopbackTests {
    @Test(arguments: ["127.0.0.1", "127.255.255.254", "127.1.2.3", "::1", "[::1]", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1",
                      "localhost", "LocalHost"])
    func loopbackAddresses(host: String) {
        #expect(HostPort.isLoopback(host))
    }

    @Test(arguments: ["127.evil.com", "127.0.0.1.evil.com", "127.", "127", "127.1", "1270.0.0.1", "128.0.0.1", "10.127.0.1",
                      "0.0.0.0", "::", "::2", "::ffff:10.0.0.1", "localhost.evil.com", "evil-localhost", "", "0x7f.0.0.1",
                      "127.0.0.1 ", "::1%lo"])
    func otherHostsAreNot(host: String) {
        #expect(!HostPort.isLoopback(host))
    }

    @Test func theDemoTokenIsRefusedOnANameThatMerelyStartsWith127() {
        let yaml = "http:\n  listen: 127.evil.com:8080\n  token: demo-token-change-me-0001\n" + ConfigFixture.minimal
        #expect(ConfigFixture.error(yaml) == "callgate.yaml: http.token: is the public demo token of the embedded default; set a token of your own before http.listen leaves the loopback address")
        let local = "http:\n  listen: \"[::1]:8080\"\n  token: demo-token-change-me-0001\n" + ConfigFixture.minimal
        #expect(ConfigFixture.error(local) == nil)
    }
}
