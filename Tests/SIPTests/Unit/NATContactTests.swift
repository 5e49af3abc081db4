import SIP
import Testing

/// Where requests to a registered phone go: its Contact, or its NAT's address when the REGISTER
/// came from elsewhere.
@Suite struct NATContactTests {
    @Test func aPhoneOnTheEnginesNetworkIsReachedAtItsContact() {
        #expect(NATContact.target(contact: "sip:1001@10.0.0.5:5060", source: "10.0.0.5:5060", transport: "udp") == nil)
        #expect(NATContact.target(contact: "sip:1001@10.0.0.5", source: "10.0.0.5:5060", transport: "udp") == nil, "5060 by default")
        #expect(NATContact.target(contact: "sip:1001@10.0.0.5:5062;transport=udp", source: "10.0.0.5:5062", transport: "udp") == nil)
    }

    @Test func aPhoneBehindANATIsReachedThroughTheREGISTERsSource() {
        #expect(NATContact.target(contact: "sip:1001@192.168.1.20:5060", source: "203.0.113.7:61000", transport: "udp")
            == "sip:203.0.113.7:61000;transport=udp")
        #expect(NATContact.target(contact: "sip:1001@192.168.1.20:5060;transport=udp;line=x", source: "203.0.113.7:61000", transport: nil)
            == "sip:203.0.113.7:61000;transport=udp")
    }

    @Test func overTCPTheConnectionTheREGISTERCameOnIsUsed() {
        // The phone listens on 5060 but connected from an ephemeral port: only that connection reaches it.
        #expect(NATContact.target(contact: "sip:1001@10.0.0.5:5060;transport=tcp", source: "10.0.0.5:43122", transport: "tcp")
            == "sip:10.0.0.5:43122;transport=tcp")
        #expect(NATContact.target(contact: "sip:1001@[2001:db8::1]:5060", source: "[2001:db8::9]:5070", transport: "tls")
            == "sip:[2001:db8::9]:5070;transport=tls")
    }

    @Test func hostsOfURIsAndSources() {
        #expect(NATContact.host(ofURI: "sip:1001@203.0.113.7:61000;transport=tcp") == "203.0.113.7")
        #expect(NATContact.host(ofURI: "<sip:[2001:db8::1]:5060>") == "2001:db8::1")
        #expect(NATContact.host(ofURI: "mailto:x@y") == nil)
        #expect(NATContact.host(ofSource: "127.0.0.1:5060") == "127.0.0.1")
    }
}
