@testable import SIP
import Testing

@Suite struct DTMFInfoTests {
    @Test(arguments: [
        ("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n", Character("5")),
        ("application/dtmf-relay", "signal= #\nduration=100", "#"),
        ("Application/DTMF-Relay; charset=x", "Duration=160\r\nSignal=*\r\n", "*"),
        ("application/dtmf-relay", "Signal=10\r\nDuration=160", "*"),
        ("application/dtmf-relay", "Signal=11", "#"),
        ("application/dtmf-relay", "Signal=d", "D"),
        ("application/dtmf", "7", "7"),
        ("application/dtmf", "\r\n9\r\n", "9"),
    ])
    func readsTheKey(contentType: String, body: String, key: Character) {
        #expect(DTMFInfo.key(contentType: contentType, body: body) == key)
    }

    @Test(arguments: [
        ("application/dtmf-relay", "Duration=160"),
        ("application/dtmf-relay", "Signal=55"),
        ("application/dtmf-relay", "Signal=X"),
        ("application/dtmf", "12345"),
        ("application/sdp", "Signal=5"),
        ("", "Signal=5"),
    ])
    func ignoresWhatIsNotOneKey(contentType: String, body: String) {
        #expect(DTMFInfo.key(contentType: contentType, body: body) == nil)
    }

    @Test func noContentTypeIsNoKey() {
        #expect(DTMFInfo.key(contentType: nil, body: "Signal=5") == nil)
    }
}

@Suite struct RegistrarPolicyTests {
    @Test(arguments: [
        (Int?.none, Int?.none, 3600), (nil, 7200, 3600), (nil, 30, 60), (nil, 0, 0), (0, 3600, 0),
        (120, 3600, 120), (600, nil, 600), (-5, nil, 0),
    ])
    func clampsAndPrefersTheContactParameter(contact: Int?, header: Int?, expected: Int) {
        #expect(RegistrarPolicy.expires(contactParameter: contact, header: header) == expected)
    }
}

@Suite struct ListenAddressTests {
    @Test func parsesHostAndPort() {
        #expect(ListenAddress("127.0.0.1:5060") == ListenAddress(host: "127.0.0.1", port: 5060))
        #expect(ListenAddress("[::1]:5070") == ListenAddress(host: "::1", port: 5070))
        #expect(ListenAddress("127.0.0.1") == nil)
        #expect(ListenAddress("127.0.0.1:0") == nil)
        #expect(ListenAddress(":5060") == nil)
        #expect(ListenAddress("a:b:5060") == nil)
    }

    @Test func bindURLAdvertisesThePublicHost() {
        let local = ListenAddress(host: "127.0.0.1", port: 5060)
        #expect(local.bindURL(publicHost: "") == "sip:127.0.0.1:5060")
        #expect(local.bindURL(publicHost: "127.0.0.1") == "sip:127.0.0.1:5060")
        #expect(local.bindURL(publicHost: "pbx.example.com") == "sip:pbx.example.com:5060;maddr=127.0.0.1")
        #expect(ListenAddress(host: "0.0.0.0", port: 5060).bindURL(publicHost: "") == "sip:*:5060")
        #expect(ListenAddress(host: "::1", port: 5060).bindURL(publicHost: "") == "sip:[::1]:5060")
    }
}

@Suite struct SIPAddressTests {
    @Test func headerValueQuotesTheDisplayName() {
        let plain = SIPAddress(user: "5551234", host: "example.com")
        #expect(plain.headerValue == "<sip:5551234@example.com>")
        let named = SIPAddress(user: "5551234", host: "example.com", port: 5080, displayName: #"Jane "JD" Doe\"#)
        #expect(named.headerValue == #""Jane \"JD\" Doe\\" <sip:5551234@example.com:5080>"#)
        let given = SIPAddress(user: "x", host: "y", displayName: "Bob", uri: "sip:bob@z;user=phone")
        #expect(given.headerValue == "\"Bob\" <sip:bob@z;user=phone>")
    }

    @Test func displayNamesAndUsersAreUnescaped() {
        #expect(unquoteDisplayName(#""Jane \"JD\" Doe""#) == #"Jane "JD" Doe"#)
        #expect(unquoteDisplayName(" Bob ") == "Bob")
        #expect(unescapeURI("%2B15551234") == "+15551234")
        #expect(unescapeURI("100%") == "100%")
    }

    @Test func dialableURIs() {
        #expect(SofiaAgent.isDialable("sip:1001@127.0.0.1:5062;transport=udp"))
        #expect(SofiaAgent.isDialable("sips:trunk.example.com"))
        #expect(!SofiaAgent.isDialable("tel:+15551234"))
        #expect(!SofiaAgent.isDialable("sip:"))
        #expect(!SofiaAgent.isDialable("sip:1001@"))
        #expect(!SofiaAgent.isDialable("sip:a@b\r\nX: y"))
    }
}
