import Testing
@testable import CallgateCore

/// A caller's text in a log line can never start a new line (issue 9, part 5).
@Suite struct LogTextTests {
    @Test(arguments: [
        ("1001", "1001"),
        ("Zoë", "Zoë"),
        (#"C:\path"#, #"C:\path"#),
        ("evil\r\n2026-12-07T10:00:00 info: forged", #"evil\r\n2026-12-07T10:00:00 info: forged"#),
        ("tab\tend", #"tab\tend"#),
        ("esc\u{1B}[31m", #"esc\u{1B}[31m"#),
        ("nul\u{0}", #"nul\u{0}"#),
        ("nel\u{85}ls\u{2028}", #"nel\u{85}ls\u{2028}"#),
    ])
    func escapedKeepsEverythingOnOneLine(raw: String, logged: String) {
        #expect(LogText.escaped(raw) == logged)
    }

    @Test func quotedMarksWhereTheCallersTextEnds() {
        #expect(LogText.quoted("1001") == #""1001""#)
        #expect(LogText.quoted(#"a"b\c"#) == #""a\"b\\c""#)
        #expect(LogText.quoted("x\ny") == #""x\ny""#)
        #expect(LogText.quoted("") == #""""#)
    }

    @Test func noOutputCarriesALineBreak() {
        let every = (0..<0x250).compactMap(Unicode.Scalar.init).map(String.init).joined() + "\u{2028}\u{2029}"
        for out in [LogText.escaped(every), LogText.quoted(every)] {
            #expect(!out.unicodeScalars.contains { $0.properties.generalCategory == .control })
            #expect(out.split(whereSeparator: \.isNewline).count == 1)
        }
    }
}
