/// Escaping for text that came from the network (a caller's user part or display name) and is
/// written back into a header toward an agent or a trunk. RFC 3261 grammar, section 25.1:
/// a user part is percent-escaped outside `user`'s characters, a display name is always a
/// `quoted-string`. Nothing a caller sends can then end a header, open a new one or close the URI.
public enum SIPText {
    /// `unreserved` and `user-unreserved` of RFC 3261's `user` rule: everything else is escaped.
    private static let userCharacters: Set<UInt8> = {
        var allowed = Set<UInt8>()
        for range in [UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                      UInt8(ascii: "0")...UInt8(ascii: "9")] {
            allowed.formUnion(range)
        }
        allowed.formUnion("-_.!~*'()&=+$,;?/".utf8)
        return allowed
    }()

    /// A user part, percent-escaped byte by byte (UTF-8) wherever RFC 3261's `user` does not allow
    /// the character: `+1 555` becomes `+1%20555`, `a@b` becomes `a%40b`, CR LF become `%0D%0A`.
    public static func escapedUser(_ user: String) -> String {
        var out = ""
        out.reserveCapacity(user.utf8.count)
        for byte in user.utf8 {
            if userCharacters.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + hexDigit(byte >> 4) + hexDigit(byte & 0x0F)
            }
        }
        return out
    }

    /// A display name as a `quoted-string`: `"` and `\` escaped with `\`, control characters
    /// (CR, LF, tab, NUL, DEL, …), which a quoted-string cannot carry, replaced by a space.
    public static func quotedDisplayName(_ name: String) -> String {
        var out = "\""
        for scalar in name.unicodeScalars {
            switch scalar {
            case "\"", "\\": out += "\\"; out.unicodeScalars.append(scalar)
            case _ where scalar.properties.generalCategory == .control: out += " "
            case "\u{2028}", "\u{2029}": out += " "   // line and paragraph separators: newlines to some readers
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// True when `value` can follow `Name: ` in a header as it is: no control characters at all
    /// (CR and LF would end the header; NUL would cut it short in C).
    public static func isSafeHeaderValue(_ value: String) -> Bool {
        !value.unicodeScalars.contains { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" }
    }

    private static func hexDigit(_ nibble: UInt8) -> String {
        String(UnicodeScalar(nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "A") + nibble - 10))
    }
}
