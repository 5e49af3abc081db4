/// The parameters of an `Authorization: Digest ...` (or Proxy-Authorization) header.
public struct DigestCredentials: Sendable, Hashable {
    public var username: String
    public var realm: String
    public var nonce: String
    public var uri: String
    public var response: String
    public var algorithm: String?
    public var cnonce: String?
    public var qop: String?
    public var nc: String?
    public var opaque: String?

    public init(username: String, realm: String, nonce: String, uri: String, response: String,
                algorithm: String? = nil, cnonce: String? = nil, qop: String? = nil, nc: String? = nil,
                opaque: String? = nil) {
        self.username = username
        self.realm = realm
        self.nonce = nonce
        self.uri = uri
        self.response = response
        self.algorithm = algorithm
        self.cnonce = cnonce
        self.qop = qop
        self.nc = nc
        self.opaque = opaque
    }

    /// Parses a header value such as `Digest username="Mufasa", realm="x", nonce="...", ...`.
    /// nil unless the scheme is Digest and username, realm, nonce, uri and response are present.
    public static func parse(_ header: String) -> DigestCredentials? {
        var rest = Substring(header.trimmingSpaces())
        guard rest.count > 6, rest.prefix(6).lowercased() == "digest", rest.dropFirst(6).first?.isWhitespace == true
        else { return nil }
        rest = rest.dropFirst(6)
        let params = parseParameters(rest)
        guard let username = params["username"], let realm = params["realm"], let nonce = params["nonce"],
              let uri = params["uri"], let response = params["response"]
        else { return nil }
        return DigestCredentials(username: username, realm: realm, nonce: nonce, uri: uri, response: response,
                                 algorithm: params["algorithm"], cnonce: params["cnonce"], qop: params["qop"],
                                 nc: params["nc"], opaque: params["opaque"])
    }

    /// `name=value` pairs separated by commas; values quoted (with `\` escapes) or tokens.
    /// Names are lowercased; the first occurrence of a name wins.
    static func parseParameters(_ text: Substring) -> [String: String] {
        var result: [String: String] = [:]
        var i = text.startIndex
        func skip(_ chars: Set<Character>) { while i < text.endIndex, chars.contains(text[i]) { i = text.index(after: i) } }
        while i < text.endIndex {
            skip([" ", "\t", ",", "\r", "\n", "\r\n"])
            let nameStart = i
            while i < text.endIndex, text[i] != "=", text[i] != "," { i = text.index(after: i) }
            let name = text[nameStart..<i].trimmingSpaces().lowercased()
            guard i < text.endIndex, text[i] == "=" else { continue }
            i = text.index(after: i)
            skip([" ", "\t"])
            var value = ""
            if i < text.endIndex, text[i] == "\"" {
                i = text.index(after: i)
                while i < text.endIndex, text[i] != "\"" {
                    if text[i] == "\\", text.index(after: i) < text.endIndex { i = text.index(after: i) }
                    value.append(text[i])
                    i = text.index(after: i)
                }
                if i < text.endIndex { i = text.index(after: i) }
            } else {
                let valueStart = i
                while i < text.endIndex, text[i] != "," { i = text.index(after: i) }
                value = text[valueStart..<i].trimmingSpaces()
            }
            if !name.isEmpty, result[name] == nil { result[name] = value }
        }
        return result
    }
}
