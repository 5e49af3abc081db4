extension SessionDescription {
    /// `text` with the rest of every line that holds `crypto:` after its `inline:` replaced by
    /// `<redacted>`: for logs, trails and call records, which must never hold a key. Works on whole
    /// SDP bodies and on single lines of a SIP trace (indented, prefixed) alike.
    public static func redactingCrypto(_ text: String) -> String {
        guard text.contains("inline:") else { return text }
        var output = ""
        var line = ""
        func flush() {
            if let crypto = line.range(of: "crypto:"), let inline = line[crypto.upperBound...].range(of: "inline:") {
                output += String(line[..<inline.upperBound]) + "<redacted>"
            } else {
                output += line
            }
            line = ""
        }
        for character in text {
            if character.isNewline {
                flush()
                output.append(character)
            } else {
                line.append(character)
            }
        }
        flush()
        return output
    }

    /// The crypto lines of an offer to a peer: one per suite we speak, each with its own key
    /// (`keys` pairs with `supportedSuites`; each 30 bytes), tags 1, 2.
    public static func offeredCryptos(keys: [[UInt8]]) -> [CryptoAttribute] {
        zip(CryptoAttribute.supportedSuites, keys).enumerated().map { index, pair in
            CryptoAttribute(tag: index + 1, suite: pair.0, keySalt: pair.1)
        }
    }

    /// What the peer's answer chose among `offered`: our line (our key) and theirs (their key), or nil
    /// when the answer's audio carries no crypto line matching one of ours by tag and suite.
    public static func chosenCrypto(offered: [CryptoAttribute], answer: Media) -> NegotiatedCrypto? {
        for theirs in answer.cryptos {
            if let ours = offered.first(where: { $0.tag == theirs.tag && $0.suite == theirs.suite }) {
                return NegotiatedCrypto(suite: ours.suite, localKey: ours.keySalt, remoteKey: theirs.keySalt)
            }
        }
        return nil
    }
}

private extension StringProtocol {
    func range(of needle: String) -> Range<Index>? {
        var index = startIndex
        while index < endIndex {
            if self[index...].hasPrefix(needle) { return index..<self.index(index, offsetBy: needle.count) }
            index = self.index(after: index)
        }
        return nil
    }
}
