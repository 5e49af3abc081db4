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

        var authenticatedUser: String?
        if settings.credentials[message.from.user] != nil {
            switch admit(message, method: "INVITE", requiredUser: message.from.user) {
            case .accepted(let user):
                authenticatedUser = user
            case .rejected(let status, let challenge):
                log.info("SIP: \(status) for INVITE from agent \(message.from.user) at \(source)")
                let tags = TagList()
                if let challenge { tags.add(ss_siptag_www_authenticate_str, challenge) }
                turnAway(handle, status: status, tags: tags)
                return
            }
        }

        let leg = Leg(id: newLegID(), handle: handle, direction: .inbound)
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

    /// Digest check shared by INVITE and REGISTER: 401 with a challenge (stale or fresh), 403 for
    /// a wrong password or user, or the authenticated user.
    func admit(_ message: SofiaMessage, method: String, requiredUser: String?) -> Admission {
        let now = Self.nowSeconds()
        let verdict = auth.verify(headerValues: message.authorization, method: method,
                                  users: settings.credentials, requiredUser: requiredUser, now: now)
        switch verdict {
        case .accepted(let user):
            return .accepted(user: user)
        case .challenge, .stale:
            return .rejected(status: 401, challenge: auth.challenge(now: now, stale: verdict == .stale))
        case .forbidden:
            return .rejected(status: 403, challenge: nil)
        }
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
