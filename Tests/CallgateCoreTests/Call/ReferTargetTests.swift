import CallgateCore
import Testing

/// Refer-To and Replaces as phones send them, and what a hostile or broken one becomes: nil (400).
@Suite struct ReferTargetTests {
    @Test(arguments: [
        ("sip:1002@127.0.0.1:5060", "1002"),
        ("sip:1002@127.0.0.1;transport=udp", "1002"),
        ("<sips:*8support@pbx.example.com>", "*8support"),
        ("sip:%2B4930123456@trunk.example.com", "+4930123456"),
        ("tel:+4930123456;phone-context=example.com", "+4930123456"),
        ("SIP:1003@host", "1003"),
    ])
    func numbersComeFromTheUserPart(uri: String, number: String) throws {
        let target = try #require(ReferTarget.parse(uri))
        #expect(target.number == number)
        #expect(target.replaces == nil)
    }

    @Test func anAttendedTransferNamesTheDialogItReplaces() throws {
        let target = try #require(ReferTarget.parse("sip:1002@10.0.0.1?Replaces=abc%40host%3Bto-tag%3D7e1%3Bfrom-tag%3Dff2&Require=replaces"))
        #expect(target.number == "1002")
        #expect(target.replaces == DialogReference(callID: "abc@host", toTag: "7e1", fromTag: "ff2"))
        let early = try #require(ReferTarget.parse("sip:1002@h?replaces=x%3Bfrom-tag%3Da%3Bto-tag%3Db%3Bearly-only"))
        #expect(early.replaces == DialogReference(callID: "x", toTag: "b", fromTag: "a", earlyOnly: true))
    }

    @Test(arguments: [
        "", "garbage", "sip:", "sip:host-only.example.com", "http://example.com/1002", "sip:@host", "sip:10 02@host",
        "sip:1002;x@host\u{0}", "sip:%zz@host", "sip:%C3%28@host", "sip:<script>@host", "<sip:1002@host",
        "sip:1002@host?Replaces=only-a-call-id", "sip:1002@host?Replaces=a%3Bto-tag%3D", "sip:1002@host?Replaces=%ZZ",
        "sip:" + String(repeating: "1", count: 65) + "@host", "sip:1002@" + String(repeating: "h", count: 5000),
    ])
    func garbageIsRefused(uri: String) {
        #expect(ReferTarget.parse(uri) == nil)
    }

    @Test func theQueuePrefixNamesAQueue() {
        #expect(TransferDestination.classify("*8support", queuePrefix: "*8") == .queue("support"))
        #expect(TransferDestination.classify("*8", queuePrefix: "*8") == .number("*8"), "a prefix alone names no queue")
        #expect(TransferDestination.classify("1002", queuePrefix: "*8") == .number("1002"))
        #expect(TransferDestination.classify("*91", queuePrefix: "*8") == .number("*91"))
        #expect(TransferDestination.classify("#7billing", queuePrefix: "#7") == .queue("billing"))
    }

    @Test(arguments: [
        ("missing from-tag", "sip:1002@h?Replaces=abc%3Bto-tag%3D1"),
        ("missing to-tag", "sip:1002@h?Replaces=abc%3Bfrom-tag%3D1"),
        ("empty tags", "sip:1002@h?Replaces=abc%3Bto-tag%3D%3Bfrom-tag%3D"),
        ("no Call-ID", "sip:1002@h?Replaces=%3Bto-tag%3D1%3Bfrom-tag%3D2"),
        ("an escaped CR LF in the Call-ID", "sip:1002@h?Replaces=abc%0D%0AVia%3A%20x%3Bto-tag%3D1%3Bfrom-tag%3D2"),
        ("a NUL in a tag", "sip:1002@h?Replaces=abc%3Bto-tag%3D1%00%3Bfrom-tag%3D2"),
        ("a broken escape at the end", "sip:1002@h?Replaces=abc%3Bto-tag%3D1%3Bfrom-tag%3D2%"),
        ("a half escape", "sip:1002@h?Replaces=abc%3"),
        ("bytes that are not UTF-8", "sip:1002@h?Replaces=%FF%FE%3Bto-tag%3D1%3Bfrom-tag%3D2"),
        ("two Replaces", "sip:1002@h?Replaces=a%3Bto-tag%3D1%3Bfrom-tag%3D2&Replaces=b%3Bto-tag%3D3%3Bfrom-tag%3D4"),
        ("an empty Replaces", "sip:1002@h?Replaces="),
        ("a Replaces without a value", "sip:1002@h?Replaces"),
        ("a huge Call-ID", "sip:1002@h?Replaces=" + String(repeating: "c", count: 300) + "%3Bto-tag%3D1%3Bfrom-tag%3D2"),
        ("a huge tag", "sip:1002@h?Replaces=abc%3Bto-tag%3D" + String(repeating: "t", count: 200) + "%3Bfrom-tag%3D2"),
        ("a Refer-To over the bound", "sip:1002@h?Replaces=abc%3Bto-tag%3D1%3Bfrom-tag%3D2&X=" + String(repeating: "x", count: 3000)),
    ])
    func brokenReplacesAreRefused(name: String, uri: String) {
        #expect(ReferTarget.parse(uri) == nil, "\(name)")
    }

    @Test func replacesSurvivesOddButValidSpelling() throws {
        // Parameters in any order, unknown ones ignored, the header name in any case, other
        // URI headers around it, the whole URI in angle brackets with blanks around.
        let target = try #require(ReferTarget.parse(" <sip:1002@127.0.0.1:5070;transport=udp?Require=replaces&REPLACES=a1b2%40pc%3Bx%3Dy%3Bfrom-tag%3Df%3Bto-tag%3Dt> "))
        #expect(target.replaces == DialogReference(callID: "a1b2@pc", toTag: "t", fromTag: "f"))
        // Many parameters, still within the bound: parsed without trouble.
        let many = String(repeating: "%3Bp%3Dv", count: 200)
        let crowded = try #require(ReferTarget.parse("sip:1002@h?Replaces=abc" + many + "%3Bto-tag%3D1%3Bfrom-tag%3D2"))
        #expect(crowded.replaces?.callID == "abc")
    }

    @Test func randomBytesNeverCrashTheParser() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("sip:1002@h?Replaces=%3B%3Dto-tag from-tag;=&<>%ZZ%00\r\n\t ".utf8) + [0xFF, 0xC3, 0x28]
        for _ in 0..<2000 {
            let length = Int.random(in: 0...300, using: &generator)
            let bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
            let text = "sip:1002@h?Replaces=" + String(decoding: bytes, as: UTF8.self)
            if let reference = ReferTarget.parse(text)?.replaces {
                #expect(!reference.callID.isEmpty && !reference.toTag.isEmpty && !reference.fromTag.isEmpty)
                #expect(reference.callID.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F })
            }
        }
    }

    @Test func dialogReferencesNeedBothTags() {
        #expect(DialogReference.parse("id;to-tag=1;from-tag=2") == DialogReference(callID: "id", toTag: "1", fromTag: "2"))
        #expect(DialogReference.parse("id;to-tag=1") == nil)
        #expect(DialogReference.parse(";to-tag=1;from-tag=2") == nil)
        #expect(DialogReference.parse("a b;to-tag=1;from-tag=2") == nil)
    }
}
