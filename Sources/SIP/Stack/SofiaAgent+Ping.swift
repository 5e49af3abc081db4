import CSofiaSIP
import SofiaShim

/// OPTIONS keep-alives to phones behind a NAT: each keeps the NAT's mapping open and tells the
/// registrar whether the phone is still there.
extension SofiaAgent {
    func ping(_ uri: String, via nextHop: String?, reply: @escaping @Sendable (Bool) -> Void) throws(SIPError) {
        guard let nua, !shuttingDown else { throw .notRunning }
        guard Self.isDialable(uri) else { throw .invalidURI(uri) }
        if let nextHop, !Self.isDialable(nextHop) { throw .invalidURI(nextHop) }
        let tags = TagList()
        tags.add(ss_nutag_url, uri)
        tags.add(ss_siptag_to_str, "<\(uri)>")
        guard let handle = tags.withTags({ ss_nua_handle(nua, nil, $0) }) else { throw .notRunning }
        if let nextHop { Self.setNextHop(nextHop, of: handle) }
        pings[handle] = reply
        ss_nua_options(handle)
    }

    /// A handle's proxy is where all of its requests go, ACK and BYE included; Sofia adds no Route.
    static func setNextHop(_ nextHop: String, of handle: OpaquePointer) {
        let tags = TagList()
        tags.add(ss_nutag_proxy, nextHop)
        tags.withTags { ss_nua_set_hparams(handle, $0) }
    }

    func onPingResponse(_ e: SofiaCallback) {
        guard let handle = e.handle, e.status >= 200, let reply = pings.removeValue(forKey: handle) else { return }
        // 408 and 503 are what Sofia reports itself when nothing came back or the transport failed.
        reply(e.status != 408 && e.status != 503)
        nua_handle_destroy(handle)
    }
}
