import CSofiaSIP
import SofiaShim

#if canImport(Glibc)
import Glibc
#endif

/// What the stack needs from a `sip_t`, copied into Swift values before the callback returns
/// (the message, its headers and strings die with the callback).
struct SofiaMessage: Sendable {
    var callID = ""
    var from = SIPAddress(user: "", host: "")
    var to = SIPAddress(user: "", host: "")
    var requestUser = ""
    var contentType: String?
    var body: String?
    var userAgent: String?
    /// X-* headers (name as sent -> value).
    var extensionHeaders: [String: String] = [:]
    /// Authorization and Proxy-Authorization values.
    var authorization: [String] = []
    var contacts: [Contact] = []
    var expires: Int?
    /// The transport of the top Via ("UDP", "TCP", "TLS"): the one the request came over, since
    /// nta drops a request whose top Via names another transport than its own.
    var viaTransport = ""
    /// The top Via's sent-by, `host[:port]`: where the sender believes it sends from.
    var viaSentBy = ""

    struct Contact: Sendable {
        var uri: String
        var expires: Int?
        var isWildcard: Bool
    }

    /// SDP body, if the content type says so (or is missing while a body is present).
    var sdp: String? {
        guard let body, !body.isEmpty else { return nil }
        guard let contentType else { return body }
        return contentType.lowercased().hasPrefix("application/sdp") ? body : nil
    }

    /// The User-Agent plus the X-* headers, as `IncomingCall.headers` presents them.
    var reportedHeaders: [String: String] {
        var headers = extensionHeaders
        if let userAgent { headers["User-Agent"] = userAgent }
        return headers
    }

    init() {}

    init(_ sip: UnsafePointer<sip_t>) {
        let s = sip.pointee
        callID = cString(s.sip_call_id?.pointee.i_id) ?? ""
        if let from = s.sip_from { self.from = Self.address(from) }
        if let to = s.sip_to { self.to = Self.address(to) }
        requestUser = cString(s.sip_request?.pointee.rq_url.url_user).map(unescapeURI) ?? ""
        contentType = cString(s.sip_content_type?.pointee.c_type)
        if let payload = s.sip_payload, let data = payload.pointee.pl_data, payload.pointee.pl_len > 0 {
            let bytes = UnsafeRawBufferPointer(start: data, count: Int(clamping: payload.pointee.pl_len))
            body = String(decoding: bytes, as: UTF8.self)
        }
        userAgent = cString(s.sip_user_agent?.pointee.g_string)

        var unknown = s.sip_unknown
        while let header = unknown {
            if let name = cString(header.pointee.un_name), name.lowercased().hasPrefix("x-") {
                extensionHeaders[name] = cString(header.pointee.un_value) ?? ""
            }
            unknown = header.pointee.un_next
        }

        var auth = s.sip_authorization
        while let header = auth {
            if let value = duplicated(ss_header_dup(header)) { authorization.append(value) }
            auth = header.pointee.au_next
        }
        var proxyAuth = s.sip_proxy_authorization
        while let header = proxyAuth {
            if let value = duplicated(ss_header_dup(header)) { authorization.append(value) }
            proxyAuth = header.pointee.au_next
        }

        var contact = s.sip_contact
        while let m = contact {
            let url = m.pointee.m_url
            let isWildcard = Int(url.url_type) == Int(url_any.rawValue)
            let uri = isWildcard ? "*" : withUnsafePointer(to: url) { duplicated(ss_url_dup($0)) } ?? ""
            contacts.append(Contact(uri: uri, expires: cString(m.pointee.m_expires).flatMap(WireNumber.seconds),
                                    isWildcard: isWildcard))
            contact = m.pointee.m_next
        }
        // Sofia fills ex_delta with an unchecked strtoul: anything up to ULONG_MAX arrives here.
        if let header = s.sip_expires { expires = Int(clamping: header.pointee.ex_delta) }
        if let protocolName = cString(s.sip_via?.pointee.v_protocol) {
            viaTransport = String(protocolName.split(separator: "/").last ?? "").uppercased()
        }
        if let host = cString(s.sip_via?.pointee.v_host) {
            let shown = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
            viaSentBy = shown + (cString(s.sip_via?.pointee.v_port).map { ":\($0)" } ?? "")
        }
    }

    private static func address(_ a: UnsafePointer<sip_addr_t>) -> SIPAddress {
        let url = a.pointee.a_url
        let uri = withUnsafePointer(to: url) { duplicated(ss_url_dup($0)) } ?? ""
        return SIPAddress(
            user: cString(url.url_user).map(unescapeURI) ?? "",
            host: cString(url.url_host) ?? "",
            port: cString(url.url_port).flatMap { UInt16($0) },
            displayName: cString(a.pointee.a_display).map(unquoteDisplayName).flatMap { $0.isEmpty ? nil : $0 },
            uri: uri)
    }
}

func cString(_ p: UnsafePointer<CChar>?) -> String? {
    p.map { String(cString: $0) }
}

/// Takes a malloc'd C string from the shim and frees it.
func duplicated(_ p: UnsafeMutablePointer<CChar>?) -> String? {
    guard let p else { return nil }
    defer { free(p) }
    return String(cString: p)
}

/// `"Alice \"A\" Smith"` -> `Alice "A" Smith`; unquoted names are trimmed.
func unquoteDisplayName(_ raw: String) -> String {
    let trimmed = raw.trimmingSpaces()
    guard trimmed.count >= 2, trimmed.first == "\"", trimmed.last == "\"" else { return trimmed }
    var result = ""
    var escaped = false
    for c in trimmed.dropFirst().dropLast() {
        if escaped { result.append(c); escaped = false }
        else if c == "\\" { escaped = true }
        else { result.append(c) }
    }
    return result
}

/// Percent-decoding for URI user parts ("%2B15551234" -> "+15551234").
func unescapeURI(_ text: String) -> String {
    guard text.contains("%") else { return text }
    var bytes: [UInt8] = []
    var utf8 = Array(text.utf8)[...]
    while let b = utf8.first {
        utf8 = utf8.dropFirst()
        if b == UInt8(ascii: "%"), utf8.count >= 2,
           let v = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
            bytes.append(v)
            utf8 = utf8.dropFirst(2)
        } else {
            bytes.append(b)
        }
    }
    return String(decoding: bytes, as: UTF8.self)
}
