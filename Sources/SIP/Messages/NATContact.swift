/// Where to send requests to a phone that registered from behind a NAT, the way Kamailio's
/// nathelper (`fix_nated_register`) and Asterisk's `nat=force_rport` do it. Pure.
///
/// A phone behind a NAT registers `Contact: <sip:1001@192.168.1.20:5060>`, an address nobody
/// outside its home can reach; its REGISTER arrives from the NAT's public address and port, and
/// only there does the NAT let requests back in (over TCP and TLS: only on the connection the
/// phone opened). The engine then keeps the Contact (the Request-URI the phone expects) and
/// sends every request of the dialog to the source as the next hop, the way FreeSWITCH's
/// `fs_path` and RFC 5626's flow tokens do: `sip:<source>;transport=<the REGISTER's>`.
///
/// Behind a NAT means, as Kamailio's `nat_uac_test` flags 1, 2 and 16 test it: the top Via's
/// sent-by (where the phone believes it sends from) is not the source, or the Contact names a
/// private address (RFC 1918, or the shared 100.64/10) other than the source's. A Contact that
/// merely differs from the source, with a truthful Via (a registration made on a phone's behalf,
/// as SIPp does in tests), is reached as it is.
public enum NATContact {
    /// The next hop for requests to `contact`, or nil when the contact is reachable as it is.
    /// - Parameters:
    ///   - contact: the Contact URI as registered, such as `sip:1001@192.168.1.20:5060;transport=udp`.
    ///   - source: `ip:port` (or `[ipv6]:port`) the REGISTER came from.
    ///   - transport: `udp`, `tcp` or `tls`, the REGISTER's transport; nil when unknown (then UDP).
    ///   - viaSentBy: the top Via's `host[:port]`.
    public static func target(contact: String, source: String, transport: String?, viaSentBy: String) -> String? {
        guard let uri = SIPURIParts(contact), !source.isEmpty else { return nil }
        let transport = (transport ?? "udp").lowercased()
        let defaultPort = transport == "tls" ? 5061 : 5060
        let viaLies = !viaSentBy.isEmpty && !sameHostPort(viaSentBy, source, defaultPort: defaultPort)
        let contactHost = host(ofSource: uri.hostPort)
        let privateContact = isPrivate(contactHost) && contactHost != host(ofSource: source)
        guard viaLies || privateContact else { return nil }
        return "sip:\(source);transport=\(transport)"
    }

    /// RFC 1918 and RFC 6598 (carrier-grade NAT) IPv4 addresses: never reachable from outside.
    static func isPrivate(_ host: String) -> Bool {
        let octets = host.split(separator: ".").compactMap { UInt8($0) }
        guard octets.count == 4 else { return false }
        switch (octets[0], octets[1]) {
        case (10, _), (192, 168): return true
        case (172, 16...31): return true
        case (100, 64...127): return true
        default: return false
        }
    }

    /// The host of a SIP URI (brackets of an IPv6 literal removed), or nil when it is not one.
    public static func host(ofURI uri: String) -> String? {
        guard let parts = SIPURIParts(uri) else { return nil }
        return host(ofSource: parts.hostPort)
    }

    /// The host of `host:port` or `[ipv6]:port`.
    public static func host(ofSource source: String) -> String {
        if source.hasPrefix("["), let close = source.firstIndex(of: "]") {
            return String(source[source.index(after: source.startIndex)..<close])
        }
        return String(source.split(separator: ":", maxSplits: 1).first ?? "")
    }

    private static func sameHostPort(_ a: String, _ b: String, defaultPort: Int) -> Bool {
        func split(_ text: String) -> (String, Int) {
            if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
                let host = String(text[text.index(after: text.startIndex)..<close])
                let rest = text[text.index(after: close)...]
                return (host.lowercased(), rest.hasPrefix(":") ? Int(rest.dropFirst()) ?? defaultPort : defaultPort)
            }
            let parts = text.split(separator: ":", maxSplits: 1)
            return (String(parts.first ?? "").lowercased(), parts.count > 1 ? Int(parts[1]) ?? defaultPort : defaultPort)
        }
        return split(a) == split(b)
    }
}

/// A SIP URI cut into the parts `NATContact` rewrites: scheme, user part, host and port, and the
/// `;name=value` parameters, each kept as written. Headers (`?…`) are kept with the parameters.
struct SIPURIParts: Hashable {
    var scheme: String
    var user: String?
    var hostPort: String
    var parameters: [(name: String, value: String?)]

    init?(_ text: String) {
        var rest = Substring(text)
        if rest.hasPrefix("<"), rest.hasSuffix(">") { rest = rest.dropFirst().dropLast() }
        guard let colon = rest.firstIndex(of: ":") else { return nil }
        scheme = rest[..<colon].lowercased()
        guard scheme == "sip" || scheme == "sips" else { return nil }
        rest = rest[rest.index(after: colon)...]
        if let at = rest.lastIndex(of: "@") {
            user = String(rest[..<at])
            rest = rest[rest.index(after: at)...]
        }
        let pieces = rest.split(separator: ";", omittingEmptySubsequences: false)
        hostPort = String(pieces.first ?? "")
        guard !hostPort.isEmpty else { return nil }
        parameters = pieces.dropFirst().filter { !$0.isEmpty }.map { piece in
            let pair = piece.split(separator: "=", maxSplits: 1)
            return (String(pair[0]), pair.count > 1 ? String(pair[1]) : nil)
        }
    }

    func parameter(_ name: String) -> String? {
        parameters.first { $0.name.lowercased() == name }?.value
    }

    mutating func setParameter(_ name: String, _ value: String?) {
        parameters.removeAll { $0.name.lowercased() == name }
        if let value { parameters.append((name, value)) }
    }

    var text: String {
        let userPart = user.map { "\($0)@" } ?? ""
        let params = parameters.map { ";\($0.name)\($0.value.map { "=\($0)" } ?? "")" }.joined()
        return "\(scheme):\(userPart)\(hostPort)\(params)"
    }

    static func == (a: SIPURIParts, b: SIPURIParts) -> Bool { a.text == b.text }
    func hash(into hasher: inout Hasher) { hasher.combine(text) }
}
