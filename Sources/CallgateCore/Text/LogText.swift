/// Text from the network (a From user, a display name, a User-Agent) made safe for a log line:
/// control characters become visible escapes, so a CR or LF in a caller's name can never end the
/// line and start a forged one.
public enum LogText {
    /// `text` with every control or line-breaking character written as an escape (`\r`, `\n`,
    /// `\t`, `\u{1B}`); everything else, backslashes included, as it is. What the log handler
    /// applies to every message and metadata value.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isBreaking) else { return text }
        var out = ""
        for scalar in text.unicodeScalars { append(scalar, to: &out, quoting: false) }
        return out
    }

    /// `text` in double quotes with `"` and `\` escaped as well: for interpolating a caller's
    /// text into a message, so the reader sees exactly where it starts and ends.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars { append(scalar, to: &out, quoting: true) }
        return out + "\""
    }

    private static func isBreaking(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    private static func append(_ scalar: Unicode.Scalar, to out: inout String, quoting: Bool) {
        switch scalar {
        case "\r": out += "\\r"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\\" where quoting: out += "\\\\"
        case "\"" where quoting: out += "\\\""
        case _ where isBreaking(scalar): out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
        default: out.unicodeScalars.append(scalar)
        }
    }
}
