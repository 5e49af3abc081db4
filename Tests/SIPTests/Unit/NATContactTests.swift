import SIP
import Testing

/// Where requests to a registered phone go: its Contact, or its NAT's address when the REGISTER
/// came through one.
@Suite struct NATContactTests {
    @Test func aPhoneOnTheEnginesNetworkIsReachedAtItsContact() {
        #expect(NATContact.target(contact: "sip:1001@10.0.0.5:5060", source: "10.0.0.5:5060", transport: "udp", viaSentBy: "10.0.0.5:5060") == nil)
        #expect(NATContact.target(contact: "sip:1001@10.0.0.5", source: "10.0.0.5:5060", transport: "udp", viaSentBy: "10.0.0.5") == nil,
                "5060 by default")
    }

    @Test func aRegistrationMadeOnAPhonesBehalfKeepsItsContact() {
        // SIPp registers from one port a Contact it will answer on from another: the Via tells the truth.
        #expect(NATContact.target(contact: "sip:1001@127.0.0.1:40002", source: "127.0.0.1:40001", transport: "udp",
                                  viaSentBy: "127.0.0.1:40001") == nil)
    }

    @Test func aPhoneBehindANATIsReachedThroughTheREGISTERsSource() {
        #expect(NATContact.target(contact: "sip:1001@192.168.1.20:5060", source: "203.0.113.7:61000", transport: "udp",
                                  viaSentBy: "192.168.1.20:5060") == "sip:203.0.113.7:61000;transport=udp")
        // A phone that learned its public address (rport, STUN) but still writes its private Contact.
        #expect(NATContact.target(contact: "sip:1001@192.168.1.20:5060;line=x", source: "203.0.113.7:61000", transport: nil,
                                  viaSentBy: "203.0.113.7:61000") == "sip:203.0.113.7:61000;transport=udp")
        #expect(NATContact.target(contact: "sip:1001@100.64.3.9:5060", source: "198.51.100.4:5060", transport: "udp",
                                  viaSentBy: "198.51.100.4:5060") == "sip:198.51.100.4:5060;transport=udp", "carrier-grade NAT")
    }

    @Test func overTCPAPhoneBehindANATIsReachedOnItsConnection() {
        #expect(NATContact.target(contact: "sip:1001@192.168.1.20:5060;transport=tcp", source: "203.0.113.7:43122", transport: "tcp",
                                  viaSentBy: "192.168.1.20:5060") == "sip:203.0.113.7:43122;transport=tcp")
        #expect(NATContact.target(contact: "sip:1001@[2001:db8::1]:5061", source: "[2001:db8::9]:5070", transport: "tls",
                                  viaSentBy: "[2001:db8::1]:5061") == "sip:[2001:db8::9]:5070;transport=tls")
    }

    @Test func hostsOfURIsAndSources() {
        #expect(NATContact.host(ofURI: "sip:1001@203.0.113.7:61000;transport=tcp") == "203.0.113.7")
        #expect(NATContact.host(ofURI: "<sip:[2001:db8::1]:5060>") == "2001:db8::1")
        #expect(NATContact.host(ofURI: "mailto:x@y") == nil)
        #expect(NATContact.host(ofSource: "127.0.0.1:5060") == "127.0.0.1")
    }
}
