/// Rewrites a SIP URI so that Sofia sends to it over TLS. Pure.
public enum TLSURI {
    /// `sips:` URIs and those with `;transport=tls` are returned as they are; another `transport`
    /// parameter is replaced, and a URI without one gets `;transport=tls`.
    ///
    ///     TLSURI.overTLS("sip:1001@192.0.2.7:5061")                 // sip:1001@192.0.2.7:5061;transport=tls
    ///     TLSURI.overTLS("sip:1001@192.0.2.7:5062;transport=udp")   // sip:1001@192.0.2.7:5062;transport=tls
    public static func overTLS(_ uri: String) -> String {
        guard !uri.lowercased().hasPrefix("sips:") else { return uri }
        // Headers (`?...`) stay at the end; parameters start at the first `;` after the user part.
        let headerStart = uri.firstIndex(of: "?") ?? uri.endIndex
        let body = uri[..<headerStart]
        let hostStart = body.lastIndex(of: "@").map { body.index(after: $0) } ?? body.startIndex
        let paramStart = body[hostStart...].firstIndex(of: ";") ?? body.endIndex
        var parameters = body[paramStart...].split(separator: ";").map(String.init)
        if parameters.contains(where: { $0.lowercased() == "transport=tls" }) { return uri }
        parameters.removeAll { $0.lowercased().hasPrefix("transport=") }
        parameters.append("transport=tls")
        return String(body[..<paramStart]) + parameters.map { ";" + $0 }.joined() + String(uri[headerStart...])
    }
}
