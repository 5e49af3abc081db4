import CSofiaSIP
import Logging
import SofiaShim

/// Outbound INVITEs (to agents and trunks) and their responses.
extension SofiaAgent {
    func call(to uri: String, from: SIPAddress, sdp: String, headers: [String: String], nextHop: String? = nil) throws(SIPError) -> LegID {
        guard let nua, !shuttingDown else { throw .notRunning }
        guard Self.isDialable(uri) else { throw .invalidURI(uri) }
        if let nextHop, !Self.isDialable(nextHop) { throw .invalidURI(nextHop) }
        var from = from
        let account = settings.trunkAccounts.firstIndex { $0.isCarrier(of: uri) }
        if let account, let domain = settings.trunkAccounts[account].domain {
            from.host = domain
            from.port = nil
            from.uri = ""
        }
        if from.host.isEmpty, from.uri.isEmpty {
            from.host = settings.publicAddress.isEmpty ? (ListenAddress(settings.listen)?.host ?? "localhost")
                                                       : settings.publicAddress
        }
        let handleTags = TagList()
        handleTags.add(ss_nutag_url, uri)
        handleTags.add(ss_siptag_to_str, "<\(uri)>")
        handleTags.add(ss_siptag_from_str, from.headerValue)
        guard let handle = handleTags.withTags({ ss_nua_handle(nua, nil, $0) }) else { throw .notRunning }
        if let nextHop { Self.setNextHop(nextHop, of: handle) }

        let inviteTags = Self.sdpTags(sdp)
        let extra = headers
            .filter { Self.isHeaderName($0.key) && SIPText.isSafeHeaderValue($0.value) }
            .sorted { $0.key < $1.key }
            .map { "\($0.key): \($0.value)" }
            .joined(separator: "\r\n")
        if !extra.isEmpty { inviteTags.add(ss_siptag_header_str, extra) }
        let contact = tlsContact(forTarget: uri)
        if let contact { inviteTags.add(ss_siptag_contact_str, contact) }
        inviteTags.withTags { ss_nua_invite(handle, $0) }

        var leg = Leg(id: newLegID(), handle: handle, direction: .outbound)
        leg.contact = contact
        leg.trunkAccount = account
        register(leg)
        logger.debug("SIP: INVITE \(uri)\(nextHop.map { " via \($0)" } ?? "")", metadata: ["sip.leg": "\(leg.id)"])
        return leg.id
    }

    func onInviteResponse(_ e: SofiaCallback) {
        guard var leg = leg(for: e.handle), leg.direction == .outbound else { return }
        let status = Int(e.status)
        if status == 401 || status == 407, answerChallenge(to: &leg, e) { return }
        switch status {
        case 101..<200:
            guard !leg.cancelRequested, leg.isUnanswered else { return }
            leg.phase = .early
            legs[leg.id] = leg
            emit(.progress(leg.id, status: status, sdp: e.message.sdp))
        case 200..<300:
            guard leg.isUnanswered else { return }   // a retransmitted or forked 200
            leg.phase = .confirmed
            if leg.cancelRequested {
                // CANCEL crossed the 200 OK: the call exists now, so end it with BYE.
                ss_nua_bye(leg.handle)
                leg.reported = true
                leg.endedByUs = true
                legs[leg.id] = leg
                emit(.failed(leg.id, status: 487, reason: "Request Terminated"))
                return
            }
            legs[leg.id] = leg
            emit(.answered(leg.id, sdp: e.message.sdp))
        case 300...:
            guard leg.isUnanswered, !leg.reported else { return }
            emit(.failed(leg.id, status: status, reason: e.phrase))
            // Done with it: ACK for the failure is Sofia's; a 401/407 would otherwise keep the
            // handle waiting for nua_authenticate.
            release(leg.id)
        default:
            return
        }
    }

    static func isDialable(_ uri: String) -> Bool {
        let lower = uri.lowercased()
        guard lower.hasPrefix("sip:") || lower.hasPrefix("sips:") else { return false }
        let rest = uri.drop { $0 != ":" }.dropFirst()
        let hostPart = rest.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).last ?? ""
        guard let first = hostPart.first, first != ";", first != ":" else { return false }
        // It goes into To as `<uri>`: nothing that closes the brackets or the header.
        return SIPText.isSafeHeaderValue(uri) && !uri.contains { $0 == " " || $0 == "<" || $0 == ">" }
    }

    static func isHeaderName(_ name: String) -> Bool {
        !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }
    }
}
