/// Reads a DTMF key out of a SIP INFO body. Pure.
public enum DTMFInfo {
    /// `application/dtmf-relay` ("Signal=5\r\nDuration=160") or `application/dtmf` ("5").
    /// Event codes 10-15 (RFC 4733 numbering, sent by some phones) map to * # A B C D.
    /// nil for other content types or anything that is not one key.
    public static func key(contentType: String?, body: String) -> Character? {
        guard let type = contentType?.split(separator: ";").first?.trimmingSpaces().lowercased() else { return nil }
        switch type {
        case "application/dtmf-relay":
            for line in body.split(whereSeparator: \.isNewline) {
                let parts = line.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, parts[0].trimmingSpaces().lowercased() == "signal" else { continue }
                return key(from: parts[1].trimmingSpaces())
            }
            return nil
        case "application/dtmf":
            return key(from: body.filter { !$0.isNewline }.trimmingSpaces())
        default:
            return nil
        }
    }

    static let keys: Set<Character> = Set("0123456789*#ABCD")

    static func key(from token: String) -> Character? {
        if token.count == 1, let c = token.uppercased().first, keys.contains(c) { return c }
        if let code = Int(token), (10...15).contains(code) { return Array("*#ABCD")[code - 10] }
        return nil
    }
}
