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

    @Test func dialogReferencesNeedBothTags() {
        #expect(DialogReference.parse("id;to-tag=1;from-tag=2") == DialogReference(callID: "id", toTag: "1", fromTag: "2"))
        #expect(DialogReference.parse("id;to-tag=1") == nil)
        #expect(DialogReference.parse(";to-tag=1;from-tag=2") == nil)
        #expect(DialogReference.parse("a b;to-tag=1;from-tag=2") == nil)
    }
}
