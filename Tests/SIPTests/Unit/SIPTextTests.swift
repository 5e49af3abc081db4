import Testing
@testable import SIP

/// Caller-supplied text written back into From toward agents and trunks (issue 9, part 5).
@Suite struct SIPTextTests {
    @Test(arguments: [
        ("1001", "1001"),
        ("+15551234", "+15551234"),
        ("alice.smith_(home)!~*'", "alice.smith_(home)!~*'"),
        ("a&b=c+d$e,f;g?h/i", "a&b=c+d$e,f;g?h/i"),       // user-unreserved stays as it is
        ("1 555", "1%20555"),
        ("a@evil.com", "a%40evil.com"),
        ("x>\r\nVia: forged", "x%3E%0D%0AVia%3A%20forged"),
        ("50%", "50%25"),
        ("<>\"#:[]", "%3C%3E%22%23%3A%5B%5D"),
        ("é", "%C3%A9"),
        ("\u{0}", "%00"),
    ])
    func userPartsArePercentEscapedOutsideTheUserGrammar(raw: String, escaped: String) {
        #expect(SIPText.escapedUser(raw) == escaped)
    }

    @Test func escapedUserNeverCarriesAnythingThatEndsTheURIOrTheHeader() {
        let hostile = (0..<256).map { String(UnicodeScalar(UInt8($0))) }.joined()
        let escaped = SIPText.escapedUser(hostile)
        #expect(!escaped.contains { "<>\"@: \r\n\t\0[]#".contains($0) })
        #expect(unescapeURI(escaped) == hostile)   // what the far end decodes is what the caller sent
    }

    @Test(arguments: [
        ("Alice", #""Alice""#),
        (#"Jane "JD" Doe\"#, #""Jane \"JD\" Doe\\""#),
        ("Eve\r\nVia: SIP/2.0/UDP evil", #""Eve  Via: SIP/2.0/UDP evil""#),
        ("tab\there\u{0}nul\u{7F}del", #""tab here nul del""#),
        ("\" <sip:x@evil> \"", #""\" <sip:x@evil> \"""#),
        ("line\u{2028}sep", #""line sep""#),
        ("Zoë", #""Zoë""#),
    ])
    func displayNamesAreQuotedStrings(raw: String, quoted: String) {
        #expect(SIPText.quotedDisplayName(raw) == quoted)
    }

    @Test func aQuotedDisplayNameReadsBackAsTheNameWithoutControls() {
        let name = #"O"Brien \ Sons"#
        #expect(unquoteDisplayName(SIPText.quotedDisplayName(name)) == name)
    }

    @Test func headerValuesWithControlCharactersAreUnsafe() {
        #expect(SIPText.isSafeHeaderValue("+15551234"))
        #expect(SIPText.isSafeHeaderValue("Zoë Ürün"))
        #expect(!SIPText.isSafeHeaderValue("1\r\nVia: x"))
        #expect(!SIPText.isSafeHeaderValue("1\nx"))
        #expect(!SIPText.isSafeHeaderValue("1\u{0}"))
        #expect(!SIPText.isSafeHeaderValue("1\u{85}"))
    }

    @Test func fromBuiltFromAHostileCallerIsOneHeaderWithOneURI() {
        let from = SIPAddress(user: "1001>;tag=x\r\nContact: <sip:evil@10.0.0.1>", host: "pbx.example.com",
                              displayName: "\"Boss\" <sip:ceo@corp>\r\nX-Evil: 1")
        let value = from.headerValue
        #expect(!value.contains("\r") && !value.contains("\n"))
        #expect(value == #""\"Boss\" <sip:ceo@corp>  X-Evil: 1" <sip:1001%3E;tag=x%0D%0AContact%3A%20%3Csip%3Aevil%4010.0.0.1%3E@pbx.example.com>"#)
        // Exactly one unquoted '<' … '>' pair: the URI's.
        var inQuotes = false, escaped = false, angles = 0
        for c in value {
            if escaped { escaped = false; continue }
            if inQuotes, c == "\\" { escaped = true; continue }
            if c == "\"" { inQuotes.toggle() } else if !inQuotes, c == "<" || c == ">" { angles += 1 }
        }
        #expect(angles == 2)
    }

    @Test func aURIWithAControlCharacterIsNotDialed() {
        #expect(!SofiaAgent.isDialable("sip:a@b\tX"))
        #expect(!SofiaAgent.isDialable("sip:a@b\u{0}x"))
        #expect(!SofiaAgent.isDialable("sip:a@b>;x=<y"))
        #expect(SofiaAgent.isDialable("sip:\(SIPText.escapedUser("12#4"))@trunk.example.com:5060"))
    }
}
