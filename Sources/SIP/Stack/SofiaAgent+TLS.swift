import CTLSCheck
import CSofiaSIP
import Logging
import SofiaShim

/// SIP over TLS: the TLS listener's tags at start-up, and the refusal of agents that must use TLS
/// but came over UDP or TCP.
extension SofiaAgent {
    /// The reason phrase of the refusal (interned by the shim: nua keeps the pointer).
    static let tlsRequiredPhrase = "TLS Required"

    /// Adds the TLS listener to the tags of `nua_create`, after making every TLS context of this
    /// process refuse versions older than the minimum (Sofia 1.12 has no tag for it).
    func addTLSTags(_ tags: TagList) throws(SIPError) -> String? {
        guard let tls = settings.tls else { return nil }
        guard let listen = ListenAddress(tls.listen) else { throw .bind("TLS: \"\(tls.listen)\" is not host:port") }
        var detail = [CChar](repeating: 0, count: 256)
        let minor: Int32 = tls.minimumVersion == .v1_3 ? 3 : 2
        guard ctls_set_min_version(minor, &detail, detail.count) == 0 else {
            throw .bind("TLS: could not require TLS \(tls.minimumVersion.rawValue) or newer: \(String(cString: detail))")
        }
        let url = "sips:" + listen.bindURL(publicHost: settings.publicAddress).dropFirst("sip:".count)
        tags.add(ss_nutag_sips_url, url)
        tags.add(ss_nutag_certificate_dir, tls.certificateDirectory)
        // Sofia's default (1) is TLSv1_method: TLS 1.0 only. 0 negotiates, down to the minimum above.
        tags.add(ss_tptag_tls_version(0))
        return url
    }

    /// True, after logging why, when `user` must use TLS and this request came another way; the
    /// caller answers `403 TLS Required`. Asked only once the request is authenticated, so that an
    /// unauthenticated prober learns nothing about which extensions exist or need TLS.
    func mustRefuseCleartext(user: String, message: SofiaMessage, method: String, source: String) -> Bool {
        guard settings.tlsOnlyUsers.contains(user), message.viaTransport != "TLS" else { return false }
        let transport = message.viaTransport.isEmpty ? "?" : message.viaTransport
        logger.notice("SIP: 403 TLS Required for \(method) of \(user) from \(source) over \(transport): this agent must use TLS (transport: tls)")
        return true
    }

    /// `403 TLS Required` with the given tags.
    func refuseCleartext(_ handle: OpaquePointer, tags: TagList = TagList()) {
        tags.withTags { ss_nua_respond(handle, 403, Self.tlsRequiredPhrase, $0) }
    }

    /// `<sip:callgate@host:port;transport=tls>` on our TLS listener, with `sip.public_address` as
    /// the host. Sofia itself writes `sips:` for any dialog over TLS; peers that wrote `sip:` (baresip
    /// 1.0's libre sends nothing to a `sips:` URI) need this instead. nil without TLS.
    var tlsContactValue: String? {
        guard let tls = settings.tls, let listen = ListenAddress(tls.listen) else { return nil }
        let host = settings.publicAddress.isEmpty ? listen.host : settings.publicAddress
        let shown = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "<sip:callgate@\(shown):\(listen.port);transport=tls>"
    }

    /// Our Contact for an INVITE we send to `uri`: the TLS one when `uri` is `sip:` with `transport=tls`.
    func tlsContact(forTarget uri: String) -> String? {
        let lower = uri.lowercased()
        guard lower.hasPrefix("sip:"), lower.contains(";transport=tls") else { return nil }
        return tlsContactValue
    }

    /// Our Contact for the answers to an INVITE that came over `transport`: the TLS one when it
    /// came over TLS to a `sip:` Request-URI (a `sips:` one keeps Sofia's `sips:` Contact).
    func tlsContact(forRequestOver transport: String, requestURI: String) -> String? {
        guard transport == "TLS", !requestURI.lowercased().hasPrefix("sips:") else { return nil }
        return tlsContactValue
    }
}
