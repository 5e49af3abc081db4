import CSofiaSIP
import Logging
import SofiaShim

#if canImport(Glibc)
import Glibc
#endif

/// Owns nua and every handle; all its methods run on the Sofia thread (its executor posts them
/// there), so it calls nua directly. Sofia's C callback enters it with `assumeIsolated`.
///
/// - warning: Sofia-SIP is single-threaded: su_root, nua and nua handles may be used only on the
///   Sofia thread. Everything here is actor-isolated to that thread; `assertOnSofiaThread()`
///   checks it in debug builds at every entry from C.
actor SofiaAgent {
    nonisolated let loop: SofiaLoop
    nonisolated var unownedExecutor: UnownedSerialExecutor { loop.executor.asUnownedSerialExecutor() }

    let settings: SIPSettings
    let logger: Logger
    /// Bans, digest checks and nonce counts of agents' REGISTERs and INVITEs.
    var authenticator: Authenticator
    let events: AsyncStream<SIPEvent>.Continuation

    var nua: OpaquePointer?
    var legs: [LegID: Leg] = [:]
    var legByHandle: [OpaquePointer: LegID] = [:]
    /// Handles of INVITEs we turned away ourselves (503/401/403): destroyed when they terminate.
    var closingHandles: Set<OpaquePointer> = []
    /// OPTIONS keep-alives in flight, by handle: each told whether its phone answered.
    var pings: [OpaquePointer: @Sendable (Bool) -> Void] = [:]
    var nextLeg: UInt64 = 1
    /// Registrations with carriers, by trunk name (``SofiaAgent/startTrunkRegistrations()``).
    var trunkRegistrations: [String: TrunkRegistration] = [:]
    var shuttingDown = false
    var shutdownDone: CheckedContinuation<Void, Never>?
    /// Keeps this actor alive while nua may call back into it.
    var callbackRetain: Unmanaged<SofiaAgent>?

    init(settings: SIPSettings, logger: Logger, loop: SofiaLoop, events: AsyncStream<SIPEvent>.Continuation) {
        self.settings = settings
        self.logger = logger
        self.loop = loop
        self.events = events
        self.authenticator = Authenticator(digest: DigestAuth(realm: settings.realm, nonceLifetime: settings.nonceLifetime),
                                           limits: settings.authLimits)
    }

    nonisolated func assertOnSofiaThread() {
        assert(loop.executor.isIsolatingCurrentContextNow, "SIP: Sofia-SIP touched off its own thread")
    }

    // MARK: Start and stop

    /// Creates nua, which binds UDP and TCP on the listen address.
    func bind(root: OpaquePointer) throws(SIPError) {
        assertOnSofiaThread()
        guard let listen = ListenAddress(settings.listen) else {
            throw .bind("\"\(settings.listen)\" is not host:port")
        }
        let url = listen.bindURL(publicHost: settings.publicAddress)
        let retained = Unmanaged.passRetained(self)
        let tags = TagList()
        tags.add(ss_nutag_url, url)
        tags.add(ss_nutag_media_enable(0))
        // Only what callgate handles: SUBSCRIBE, MESSAGE... get 405 instead of Sofia's automatic
        // 2xx. PRACK and UPDATE stay for 100rel and session timers, which nua runs. REFER is
        // answered by the engine (202, or 403 for a target the trunks do not allow), not by nua.
        tags.add(ss_siptag_allow_str, "INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, REGISTER, PRACK, UPDATE, REFER")
        tags.add(ss_nutag_appl_method, "REFER")
        tags.add(ss_nutag_autoanswer(0))
        tags.add(ss_nutag_autoack(1))
        tags.add(ss_nutag_m_username, "callgate")
        tags.add(ss_siptag_user_agent_str, settings.userAgent)
        // Sofia would move requests over 1300 bytes to TCP (RFC 3261 18.1.1); trunks and phones
        // that listen on UDP only would then never see large INVITEs.
        tags.add(ss_ntatag_udp_mtu(65_535))
        let limits = settings.transportLimits
        tags.add(ss_ntatag_maxsize(max(1024, limits.maxMessageBytes)))
        tags.add(ss_tptag_idle(UInt32(clamping: limits.tcpIdleSeconds * 1000)))
        tags.add(ss_tptag_timeout(UInt32(clamping: limits.messageTimeoutSeconds * 1000)))
        // RFC 3581, forced as Asterisk's `force_rport` does: answer every request to the address
        // and port it came from, so that responses find their way back through a phone's NAT.
        tags.add(ss_ntatag_server_rport(2))
        tags.add(ss_ntatag_tcp_rport(1))
        // CRLF keep-alives (RFC 5626 3.5.1) keep NAT mappings of phones' TCP/TLS connections open.
        if settings.natKeepaliveSeconds > 0 { tags.add(ss_tptag_keepalive(UInt32(clamping: settings.natKeepaliveSeconds * 1000))) }
        if let timeout = settings.transactionTimeoutMilliseconds { tags.add(ss_ntatag_sip_t1x64(UInt32(clamping: timeout))) }
        let tlsURL = try addTLSTags(tags)
        let created = tags.withTags { ss_nua_create(root, sofiaEventCallback, retained.toOpaque(), $0) }
        guard let created else {
            retained.release()
            let detail = String(cString: ss_log_last_bind_error())
            throw .bind(detail.isEmpty ? "Sofia-SIP could not bind \(url)\(tlsURL.map { " and \($0)" } ?? "") (address in use or not local?)" : detail)
        }
        nua = created
        callbackRetain = retained
        logger.info("SIP: listening on \(settings.listen) (UDP and TCP)", metadata: ["sip.url": "\(url)"])
        if let tls = settings.tls, let tlsURL {
            logger.info("SIP: listening on \(tls.listen) (TLS \(tls.minimumVersion.rawValue) or newer)", metadata: ["sip.url": "\(tlsURL)"])
        }
        startTrunkRegistrations()
    }

    /// Ends every call, shuts nua down (waiting for its final report), destroys it and stops
    /// the loop. The event stream finishes.
    func shutdown() async {
        assertOnSofiaThread()
        guard let nua, !shuttingDown else { return }
        shuttingDown = true
        // Keep-alives still out say nothing about their phones: they stay registered.
        for reply in pings.values { reply(true) }
        pings.removeAll()
        for leg in legs.values where !leg.reported && !leg.endedByUs && !leg.cancelRequested {
            switch (leg.direction, leg.phase) {
            case (.inbound, .offered), (.inbound, .early):
                respond(leg.handle, status: 503)
            case (.outbound, .offered), (.outbound, .early):
                ss_nua_cancel(leg.handle)
            case (_, .answered), (_, .confirmed):
                ss_nua_bye(leg.handle)
            }
        }
        unregisterTrunks()
        await withCheckedContinuation { continuation in
            shutdownDone = continuation
            ss_nua_shutdown(nua)
        }
        nua_destroy(nua)
        self.nua = nil
        legs = [:]
        legByHandle = [:]
        closingHandles = []
        callbackRetain?.release()
        callbackRetain = nil
        events.finish()
        logger.info("SIP: stopped")
        loop.stop()
    }

    func shutdownReported(status: Int32) {
        guard status >= 200 else { return }
        shutdownDone?.resume()
        shutdownDone = nil
    }

    var activeCalls: Int { legs.count }
    /// Every call handle this agent holds: live legs and INVITEs it turned away that have not ended.
    var heldHandles: Int { legs.count + closingHandles.count }

    // MARK: Shared helpers

    func newLegID() -> LegID {
        defer { nextLeg += 1 }
        return LegID(raw: nextLeg)
    }

    func register(_ leg: Leg) {
        legs[leg.id] = leg
        legByHandle[leg.handle] = leg.id
    }

    func leg(for handle: OpaquePointer?) -> Leg? {
        guard let handle, let id = legByHandle[handle] else { return nil }
        return legs[id]
    }

    /// Forgets a leg and destroys its handle (no more events will come for it).
    func release(_ id: LegID) {
        guard let leg = legs.removeValue(forKey: id) else { return }
        legByHandle[leg.handle] = nil
        ss_msg_unref(leg.pendingRefer)
        nua_handle_destroy(leg.handle)
    }

    /// `nua_respond` with a standard phrase and optional headers/body.
    func respond(_ handle: OpaquePointer, status: Int, tags: TagList = TagList()) {
        if let contact = leg(for: handle)?.contact { tags.add(ss_siptag_contact_str, contact) }
        tags.withTags { ss_nua_respond(handle, Int32(status), nil, $0) }
    }

    func emit(_ event: SIPEvent) {
        events.yield(event)
    }

    static func nowSeconds() -> Int {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return ts.tv_sec
    }
}

extension SofiaAgent {
    /// Stops the loop when nua never came up (bind failed).
    func stopLoop() {
        events.finish()
        loop.stop()
    }
}
