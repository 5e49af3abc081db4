import CSofiaSIP
import Logging
import SofiaShim

/// Inbound INVITEs: admission (limits, agent authentication), then the engine's answers.
extension SofiaAgent {
    func onInvite(_ e: SofiaCallback) {
        guard let handle = e.handle else { return }
        if var leg = leg(for: handle) {
            guard e.status < 200 else { return }   // Sofia answered it itself (e.g. 491 glare)
            leg.reinvitePending = true
            legs[leg.id] = leg
            emit(.reinvite(leg.id, sdp: e.message.sdp))
            return
        }
        guard e.status < 200 else { return }   // Sofia already answered it (bad request, ...)
        let message = e.message
        let source = duplicated(e.nua.flatMap { ss_current_source_dup($0) }) ?? ""
        var log = logger
        log[metadataKey: "sip.call_id"] = "\(message.callID)"

        if shuttingDown || inboundCount >= settings.maxCalls {
            log.notice("SIP: 503 for INVITE from \(source): \(inboundCount) inbound calls (max \(settings.maxCalls))")
            let tags = TagList()
            tags.add(ss_siptag_retry_after_str, String(settings.overloadRetryAfter))
            turnAway(handle, status: 503, tags: tags)
            return
        }

        // Agents must prove who they are; so must anyone who offers credentials for our realm (an
        // unknown user's are refused like a wrong password). Others may just call.
        var authenticatedUser: String?
        let offersCredentials = message.authorization.contains { DigestCredentials.parse($0)?.realm == settings.realm }
        if settings.credentials[message.from.user] != nil || offersCredentials
            || authenticator.throttle.ban(source: Authenticator.address(ofSource: source), extension: nil,
                                          now: Self.nowSeconds()) != nil {
            switch admit(message, method: "INVITE", user: message.from.user, requestURI: e.requestURI, source: source) {
            case .accepted(let user):
                if mustRefuseCleartext(user: user, message: message, method: "INVITE", source: source) {
                    closingHandles.insert(handle)
                    refuseCleartext(handle)
                    return
                }
                authenticatedUser = user
            case .rejected(let status, let challenge):
                let tags = TagList()
                if let challenge { tags.add(ss_siptag_www_authenticate_str, challenge) }
                turnAway(handle, status: status, tags: tags)
                return
            }
        }

        // A caller behind a NAT (a phone at home): our BYE and re-INVITEs go to where its INVITE
        // came from, not to the private address in its Contact.
        if let contact = message.contacts.first?.uri, let nua = e.nua,
           let nextHop = NATContact.target(contact: contact, source: source, transport: ss_current_transport(nua).map { String(cString: $0) },
                                           viaSentBy: message.viaSentBy) {
            Self.setNextHop(nextHop, of: handle)
            log.debug("SIP: caller behind NAT: in-dialog requests go to \(nextHop)")
        }
        var leg = Leg(id: newLegID(), handle: handle, direction: .inbound)
        leg.contact = tlsContact(forRequestOver: message.viaTransport, requestURI: e.requestURI)
        leg.callID = message.callID
        register(leg)
        log.debug("SIP: INVITE \(message.from.user) -> \(message.requestUser)", metadata: ["sip.leg": "\(leg.id)"])
        emit(.incomingCall(IncomingCall(
            leg: leg.id, callID: message.callID, from: message.from, to: message.to,
            requestUser: message.requestUser, sdp: message.sdp, source: source,
            authenticatedUser: authenticatedUser, headers: message.reportedHeaders)))
    }

    var inboundCount: Int { legs.values.count { $0.direction == .inbound } }

    /// Answers an INVITE the engine never sees; its handle is destroyed when it terminates.
    func turnAway(_ handle: OpaquePointer, status: Int, tags: TagList) {
        closingHandles.insert(handle)
        respond(handle, status: status, tags: tags)
    }

    enum Admission {
        case accepted(user: String)
        /// 401 with this WWW-Authenticate value, or 403 without one.
        case rejected(status: Int, challenge: String?)
    }

    /// The check shared by INVITE and REGISTER (``Authenticator``): 403 for a banned source
    /// before anything else, 401 with a challenge (fresh or stale), 403 for wrong credentials,
    /// or the authenticated user. Logs each refusal, and each new ban once.
    func admit(_ message: SofiaMessage, method: String, user: String, requestURI: String, source: String) -> Admission {
        let address = Authenticator.address(ofSource: source)
        let attempt = Authenticator.Attempt(source: address, user: user, method: method, requestURI: requestURI,
                                            authorization: message.authorization)
        let shown = user.isEmpty ? "?" : user
        switch authenticator.admit(attempt, users: settings.credentials, now: Self.nowSeconds()) {
        case .accepted(let user):
            return .accepted(user: user)
        case .challenge(let challenge, let reason):
            if reason == .replayed {
                logger.notice("SIP: 401 for \(method) of \(shown) from \(source): nonce count reused (replay?)")
            } else {
                logger.debug("SIP: 401 for \(method) of \(shown) from \(source) (\(reason))")
            }
            return .rejected(status: 401, challenge: challenge)
        case .forbidden(let newBans):
            logger.info("SIP: 403 for \(method) of \(shown) from \(source): wrong credentials")
            for ban in newBans { logBan(ban) }
            return .rejected(status: 403, challenge: nil)
        case .banned:
            // Logged when the ban started, not per request: a flood must not flood the log.
            return .rejected(status: 403, challenge: nil)
        }
    }

    func activeBans() -> [AuthBan] {
        authenticator.throttle.activeBans(now: Self.nowSeconds())
    }

    private func logBan(_ ban: AuthBan) {
        let scope = ban.extension.map { "for extension \($0)" } ?? "for every request"
        logger.warning("SIP: banned \(ban.source) \(scope) for \(ban.until - Self.nowSeconds()) s after \(ban.failures) failed logins",
                       metadata: ["sip.ban.source": "\(ban.source)", "sip.ban.until": "\(ban.until)"])
    }

    // MARK: The engine's answers

    func ring(_ id: LegID) {
        guard var leg = inboundUnanswered(id, "ring") else { return }
        respond(leg.handle, status: 180)
        leg.phase = .early
        legs[id] = leg
    }

    func progress(_ id: LegID, sdp: String) {
        guard var leg = inboundUnanswered(id, "progress") else { return }
        respond(leg.handle, status: 183, tags: Self.sdpTags(sdp))
        leg.phase = .early
        legs[id] = leg
    }

    func answer(_ id: LegID, sdp: String) {
        guard var leg = inboundUnanswered(id, "answer") else { return }
        respond(leg.handle, status: 200, tags: Self.sdpTags(sdp))
        leg.phase = .answered
        legs[id] = leg
    }

    func reject(_ id: LegID, status: Int, retryAfter: Int?) {
        guard var leg = inboundUnanswered(id, "reject") else { return }
        let tags = TagList()
        if let retryAfter { tags.add(ss_siptag_retry_after_str, String(retryAfter)) }
        respond(leg.handle, status: (300...699).contains(status) ? status : 500, tags: tags)
        leg.endedByUs = true
        legs[id] = leg
    }

    func acceptReinvite(_ id: LegID, sdp: String) {
        guard var leg = legs[id], leg.reinvitePending else {
            logger.debug("SIP: acceptReinvite(\(id)) with no re-INVITE pending")
            return
        }
        respond(leg.handle, status: 200, tags: Self.sdpTags(sdp))
        leg.reinvitePending = false
        legs[id] = leg
    }

    /// Refuses a re-INVITE (488: nothing in the offer we can answer); the call goes on as it was.
    func refuseReinvite(_ id: LegID, status: Int) {
        guard var leg = legs[id], leg.reinvitePending else { return }
        respond(leg.handle, status: (400...699).contains(status) ? status : 488)
        leg.reinvitePending = false
        legs[id] = leg
    }

    /// The leg if it is inbound and not answered yet; logs and returns nil otherwise (the caller
    /// may have cancelled meanwhile: that race is normal).
    private func inboundUnanswered(_ id: LegID, _ action: String) -> Leg? {
        guard let leg = legs[id], leg.direction == .inbound, leg.isUnanswered, !leg.endedByUs, !leg.reported else {
            logger.debug("SIP: \(action)(\(id)) ignored: leg gone or already answered")
            return nil
        }
        return leg
    }

    static func sdpTags(_ sdp: String) -> TagList {
        let tags = TagList()
        tags.add(ss_siptag_content_type_str, "application/sdp")
        tags.add(ss_siptag_payload_str, sdp)
        return tags
    }
}
