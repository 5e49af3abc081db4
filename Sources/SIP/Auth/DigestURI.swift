/// Whether a digest `uri` names the request's Request-URI, compared as RFC 3261 §19.1.4 compares
/// SIP URIs: scheme and host without regard to case, user and password exactly (after
/// percent-decoding), the port only when written (no port is not the same as :5060), the
/// parameters `user`, `ttl`, `method`, `maddr` and `transport` when either side has them, other
/// parameters only when both have them, and headers as sets. Pure.
///
/// Without this check a response computed for one Request-URI could be replayed against another
/// (RFC 2617 §3.2.2.5 asks the server to check it).
enum DigestURI {
    static func matches(_ digestURI: String, requestURI: String) -> Bool {
        if digestURI == requestURI { return true }
        guard let a = ParsedSIPURI(digestURI), let b = ParsedSIPURI(requestURI) else { return false }
        return a.isEquivalent(to: b)
    }
}

/// The parts of a `sip:`/`sips:` URI that RFC 3261 compares.
struct ParsedSIPURI: Equatable {
    var scheme: String
    var user: String?
    var password: String?
    var host: String
    var port: Int?
    /// Names lowercased; values lowercased too (RFC 3261 compares them without case).
    var parameters: [String: String]
    var headers: [String: String]

    /// Parameters that make two URIs differ when only one of them has it.
    static let significantParameters: Set = ["user", "ttl", "method", "maddr", "transport"]

    init?(_ text: String) {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        scheme = text[..<colon].lowercased()
        guard scheme == "sip" || scheme == "sips" else { return nil }
        var rest = text[text.index(after: colon)...]
        var headerPart: Substring = ""
        if let question = rest.firstIndex(of: "?") {
            headerPart = rest[rest.index(after: question)...]
            rest = rest[..<question]
        }
        var hostPart = rest
        if let at = rest.lastIndex(of: "@") {
            let userInfo = rest[..<at]
            hostPart = rest[rest.index(after: at)...]
            if let separator = userInfo.firstIndex(of: ":") {
                user = unescapeURI(String(userInfo[..<separator]))
                password = unescapeURI(String(userInfo[userInfo.index(after: separator)...]))
            } else {
                user = unescapeURI(String(userInfo))
            }
        }
        let pieces = hostPart.split(separator: ";", omittingEmptySubsequences: false)
        guard let hostPort = pieces.first, !hostPort.isEmpty else { return nil }
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else { return nil }
            host = hostPort[...close].lowercased()
            let after = hostPort[hostPort.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":"), let number = Int(after.dropFirst()) else { return nil }
                port = number
            }
        } else if let portColon = hostPort.lastIndex(of: ":") {
            host = hostPort[..<portColon].lowercased()
            guard let number = Int(hostPort[hostPort.index(after: portColon)...]) else { return nil }
            port = number
        } else {
            host = hostPort.lowercased()
        }
        guard !host.isEmpty else { return nil }
        parameters = Self.pairs(pieces.dropFirst(), lowercaseValues: true)
        headers = Self.pairs(headerPart.split(separator: "&"), lowercaseValues: false)
    }

    func isEquivalent(to other: ParsedSIPURI) -> Bool {
        guard scheme == other.scheme, user == other.user, password == other.password, host == other.host,
              port == other.port, headers == other.headers
        else { return false }
        for name in Set(parameters.keys).union(other.parameters.keys) {
            let mine = parameters[name], theirs = other.parameters[name]
            if mine == nil || theirs == nil {
                if Self.significantParameters.contains(name) { return false }
            } else if mine != theirs {
                return false
            }
        }
        return true
    }

    private static func pairs<S: Sequence>(_ items: S, lowercaseValues: Bool) -> [String: String]
    where S.Element == Substring {
        var result: [String: String] = [:]
        for item in items where !item.isEmpty {
            let name: Substring, value: Substring
            if let equals = item.firstIndex(of: "=") {
                name = item[..<equals]
                value = item[item.index(after: equals)...]
            } else {
                name = item
                value = ""
            }
            let decoded = unescapeURI(String(value))
            result[unescapeURI(String(name)).lowercased()] = lowercaseValues ? decoded.lowercased() : decoded
        }
        return result
    }
}
