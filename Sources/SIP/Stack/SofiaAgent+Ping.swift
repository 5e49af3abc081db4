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
        if let nextHop { tags.add(ss_nutag_proxy, nextHop) }
        guard let handle = tags.withTags({ ss_nua_handle(nua, nil, $0) }) else { throw .notRunning }
        pings[handle] = reply
        ss_nua_options(handle)
    }

    func onPingResponse(_ e: SofiaCallback) {
        guard let handle = e.handle, e.status >= 200, let reply = pings.removeValue(forKey: handle) else { return }
        // 408 and 503 are what Sofia reports itself when nothing came back or the transport failed.
        reply(e.status != 408 && e.status != 503)
        nua_handle_destroy(handle)
    }
}
