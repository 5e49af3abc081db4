/// Where a REFER's Refer-To sends the call (RFC 3515): the number (the URI's user part, or the
/// whole of a `tel:` URI) and, for an attended transfer (RFC 3891), the dialog it replaces.
/// Parsing is strict and bounded: anything unexpected is nil, which the engine answers with 400.
public struct ReferTarget: Sendable, Hashable {
    public var number: String
    /// `?Replaces=...` in the URI: the consultation call whose other party takes the caller.
    public var replaces: DialogReference?

    public init(number: String, replaces: DialogReference? = nil) {
        self.number = number
        self.replaces = replaces
    }

    /// `sip:1002@host;transport=udp`, `<sips:*8support@host>`, `tel:+4930123`, or a URI with
    /// `?Replaces=callid%3Bto-tag%3D..%3Bfrom-tag%3D..`; nil for anything else.
    public static func parse(_ text: String) -> ReferTarget? {
        guard text.utf8.count <= 2048 else { return nil }
        var uri = Substring(text.withoutBlanks())
        // A URI has no spaces or control characters (RFC 3986); Sofia should never pass one on.
        guard uri.utf8.allSatisfy({ $0 > 0x20 && $0 != 0x7F }) else { return nil }
        if uri.hasPrefix("<") {
            guard let close = uri.firstIndex(of: ">") else { return nil }
            uri = uri[uri.index(after: uri.startIndex)..<close]
        }
        let lower = uri.lowercased()
        let isTel = lower.hasPrefix("tel:")
        guard let colon = uri.firstIndex(of: ":"), isTel || lower.hasPrefix("sip:") || lower.hasPrefix("sips:") else { return nil }
        var rest = uri[uri.index(after: colon)...]
        var headers: Substring = ""
        if let question = rest.firstIndex(of: "?") {
            headers = rest[rest.index(after: question)...]
            rest = rest[..<question]
        }
        let userPart: Substring
        if isTel {
            userPart = rest.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        } else if let at = rest.lastIndex(of: "@") {
            userPart = rest[..<at].split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        } else {
            return nil   // sip:host names no one to ring
        }
        guard let number = PercentDecoding.decode(userPart), TransferDestination.isValidNumber(number) else { return nil }
        var replaces: DialogReference?
        for header in headers.split(separator: "&") {
            let pair = header.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair[0].lowercased() == "replaces" else { continue }
            // One dialog, named: a Replaces without a value, or a second one, is as unusable as a
            // broken one (never a blind transfer by mistake).
            guard pair.count == 2, replaces == nil, let value = PercentDecoding.decode(pair[1]), let reference = DialogReference.parse(value) else { return nil }
            replaces = reference
        }
        return ReferTarget(number: number, replaces: replaces)
    }
}

/// One dialog named by a Replaces value (RFC 3891): `call-id;to-tag=..;from-tag=..[;early-only]`.
/// The tags are as the sender of the Replaces sees them: `to-tag` is the remote party's tag of
/// the dialog it holds, `from-tag` its own.
public struct DialogReference: Sendable, Hashable {
    public var callID: String
    public var toTag: String
    public var fromTag: String
    public var earlyOnly: Bool

    public init(callID: String, toTag: String, fromTag: String, earlyOnly: Bool = false) {
        self.callID = callID
        self.toTag = toTag
        self.fromTag = fromTag
        self.earlyOnly = earlyOnly
    }

    public static func parse(_ value: String) -> DialogReference? {
        let parts = value.split(separator: ";", omittingEmptySubsequences: false).map { $0.withoutBlanks() }
        // Call-IDs and tags are `word`s and `token`s (RFC 3261 §25.1): printable, no blanks. An
        // escaped CR LF or NUL must never reach a log line or a comparison as if it were a name.
        func printable(_ text: String) -> Bool { text.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F } }
        guard let callID = parts.first, !callID.isEmpty, callID.utf8.count <= 256, printable(callID) else {
            return nil
        }
        var toTag: String?, fromTag: String?, earlyOnly = false
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = pair[0].lowercased()
            let value = pair.count == 2 ? String(pair[1]) : nil
            switch name {
            case "to-tag": toTag = value
            case "from-tag": fromTag = value
            case "early-only": earlyOnly = true
            default: break
            }
        }
        guard let toTag, let fromTag, !toTag.isEmpty, !fromTag.isEmpty, toTag.utf8.count <= 128, fromTag.utf8.count <= 128,
              printable(toTag), printable(fromTag) else { return nil }
        return DialogReference(callID: callID, toTag: toTag, fromTag: fromTag, earlyOnly: earlyOnly)
    }
}

/// What a transfer target names: a queue (the configured prefix, `*8` by default, then the
/// queue's name: `*8support`) or a number (an agent's extension, or an external number that a
/// trunk's `allow` rules let out).
public enum TransferDestination: Sendable, Hashable {
    case number(String)
    case queue(String)

    public static func classify(_ target: String, queuePrefix: String) -> TransferDestination {
        if !queuePrefix.isEmpty, target.hasPrefix(queuePrefix), target.count > queuePrefix.count {
            return .queue(String(target.dropFirst(queuePrefix.count)))
        }
        return .number(target)
    }

    /// Digits, letters and `*#+._-`, 1 to 64 of them: what a phone dials or a queue is named.
    public static func isValidNumber(_ text: String) -> Bool {
        guard (1...64).contains(text.utf8.count) else { return false }
        return text.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || "*#+._-".utf8.contains(byte)
        }
    }
}

enum PercentDecoding {
    /// `%XX` escapes decoded; nil for a broken escape or bytes that are not UTF-8.
    static func decode(_ text: Substring) -> String? {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.first {
            utf8 = utf8.dropFirst()
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard utf8.count >= 2, let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) else { return nil }
            bytes.append(value)
            utf8 = utf8.dropFirst(2)
        }
        return String(validating: bytes, as: UTF8.self)
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    fileprivate func withoutBlanks() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return String(s)
    }
}
