import Engine
import Logging
import Media
import SIP
import Synchronization

/// The one way an outbound leg is placed in `serve`: a media leg, our SDP offer, Sofia's INVITE,
/// and the callee's SDP answer applied to the media. Queue offers and transfers use it; the call
/// router hands it every SIP event of the legs it placed.
actor SofiaDialer: Dialer {
    let sip: SIPStack
    let mediaEngine: MediaEngine
    let rtpAddress: String
    let publicAddress: String
    let logger: Logger
    /// The symmetric-RTP policy toward the peer a leg rings.
    let latching: @Sendable (DialPeer) -> RTPLatching
    /// SDES-SRTP toward the peer a leg rings (config: the agent's, the trunk's, else `sip.srtp`).
    let srtpPolicy: @Sendable (DialPeer) -> SRTPPolicy
    /// The media address for our SDP toward a peer host (public or local, ``CallgateConfig/sdpAddress(forPeer:)``).
    let sdpAddress: @Sendable (String) -> String
    /// Which codecs each leg is offered, in order.
    let codecs: CodecPolicy
    var legs: [LegID: SofiaDialedLeg] = [:]
    /// Our key on each answered SRTP leg, for the answers to its re-INVITEs (hold, resume).
    var localKeys: [LegID: [UInt8]] = [:]
    /// Events that reached the router before `sip.call` returned the leg's id (a fast 486 on
    /// loopback); replayed once the leg is known. Bounded: the oldest are dropped.
    var early: [(leg: LegID, event: SIPEvent)] = []
    static var earlyLimit: Int { 256 }

    init(sip: SIPStack, mediaEngine: MediaEngine, rtpAddress: String, publicAddress: String,
         codecs: CodecPolicy, logger: Logger,
         latching: @escaping @Sendable (DialPeer) -> RTPLatching = { _ in .off },
         srtpPolicy: @escaping @Sendable (DialPeer) -> SRTPPolicy = { _ in .off },
         sdpAddress: (@Sendable (String) -> String)? = nil) {
        self.codecs = codecs
        self.sdpAddress = sdpAddress ?? { [rtpAddress] _ in rtpAddress }
        self.latching = latching
        self.srtpPolicy = srtpPolicy
        self.sip = sip
        self.mediaEngine = mediaEngine
        self.rtpAddress = rtpAddress
        self.publicAddress = publicAddress
        self.logger = logger
    }

    func dial(_ request: DialRequest, events: @escaping @Sendable (DialEvent) async -> Void) async throws -> any DialedLeg {
        let media = try mediaEngine.openLeg()
        // The host rung is the one that signals: for a phone behind a NAT, its NAT's address.
        let peerHost = NATContact.host(ofURI: request.nextHop ?? request.uri) ?? ""
        media.setLatching(latching(request.peer), signallingHost: peerHost)
        let address = sdpAddress(peerHost)
        let srtp = LegSRTP(srtpPolicy(request.peer))
        let formats = codecs.outbound(peer: request.peer, uri: request.uri)
        let sessionID = SessionDescription.newSessionID()
        let offer = SessionDescription.offer(address: address, port: Int(media.localPort), formats: formats,
                                             sessionID: sessionID, srtp: srtp.policy, cryptos: srtp.offered)
        let from = SIPAddress(user: request.callerNumber, host: publicAddress, displayName: request.callerName ?? request.callerNumber)
        let id: LegID
        do {
            id = try await sip.call(to: request.uri, from: from, sdp: offer, headers: request.headers, nextHop: request.nextHop)
        } catch {
            media.close()
            throw error
        }
        let leg = SofiaDialedLeg(id: id, media: media, sip: sip, report: events, srtp: srtp, address: address,
                                 formats: formats, sdpSessionID: sessionID, hungUpByUs: { [weak self] leg in await self?.finish(leg) })
        legs[id] = leg
        let replay = early.filter { $0.leg == id }.map(\.event)
        early.removeAll { $0.leg == id }
        for event in replay { await handle(event, of: leg) }
        return leg
    }

    /// An event of an outbound leg; false when the leg is not one of ours (yet). Answers and
    /// failures only ever concern outbound legs, so those are kept for a leg still being placed.
    @discardableResult
    func handle(_ event: SIPEvent) async -> Bool {
        guard let leg = event.leg else { return false }
        guard let dialed = legs[leg] else {
            switch event {
            case .answered, .failed, .progress:
                early.append((leg, event))
                if early.count > Self.earlyLimit { early.removeFirst(early.count - Self.earlyLimit) }
            default:
                break
            }
            return false
        }
        await handle(event, of: dialed)
        return true
    }

    func handle(_ event: SIPEvent, of leg: SofiaDialedLeg) async {
        switch event {
        case .answered(_, let sdp):
            guard !leg.hangUpWasAsked else {
                // Our CANCEL crossed the callee's 200: nobody wants this leg any more. BYE.
                finish(leg)
                await sip.hangup(leg.id)
                await leg.report(.failed(status: 487, reason: "answered after it was cancelled"))
                return
            }
            guard leg.media.follow(answer: sdp, srtp: leg.srtp) else {
                logger.warning("an outbound leg answered without audio we speak (or without the SRTP its policy asks): hanging up")
                finish(leg)
                await sip.hangup(leg.id)
                await leg.report(.failed(status: 488, reason: "answered without usable audio"))
                return
            }
            if let sdp, let audio = SessionDescription.parse(sdp)?.audio,
               let chosen = SessionDescription.chosenCrypto(offered: leg.srtp.offered, answer: audio) {
                localKeys[leg.id] = chosen.localKey
            }
            leg.answered()
            await leg.report(.answered)
        case .failed(_, let status, let reason):
            finish(leg)
            await leg.report(.failed(status: status, reason: reason))
        case .hungUp, .cancelled:
            finish(leg)
            await leg.report(leg.wasAnswered ? .hungUp : .failed(status: 487, reason: "ended before the answer"))
        default:
            break
        }
    }

    /// The leg's final event: its media goes, and later events about it are not ours any more.
    func finish(_ leg: SofiaDialedLeg) {
        legs[leg.id] = nil
        localKeys[leg.id] = nil
        leg.media.close()
    }

    var count: Int { legs.count }

    /// An answered leg becomes a call of its own (an originated call): the dialer lets go of it
    /// without closing its media, and its events go to that call from now on. Returns our SRTP key
    /// on the leg, for the answers to its re-INVITEs.
    func handOver(_ leg: SofiaDialedLeg) -> [UInt8]? {
        guard legs[leg.id] === leg else { return nil }
        legs[leg.id] = nil
        return localKeys.removeValue(forKey: leg.id)
    }

    /// Gives an answered leg a new owner: an attended transfer takes the consultation call's leg
    /// to the colleague for the caller. From now on the leg's events go to `events`, and the old
    /// owner's `hangUp` does nothing (the consultation call ends without ending this leg). nil
    /// when the leg is not ours any more or not answered.
    func adopt(_ leg: SofiaDialedLeg, events: @escaping @Sendable (DialEvent) async -> Void) -> SofiaDialedLeg? {
        guard legs[leg.id] === leg, leg.wasAnswered, !leg.hangUpWasAsked, leg.detach() else { return nil }
        let adopted = SofiaDialedLeg(id: leg.id, media: leg.media, sip: sip, report: events, srtp: leg.srtp, address: leg.address,
                                     formats: leg.formats, sdpSessionID: leg.sdpSessionID, hungUpByUs: leg.hungUpByUs)
        adopted.continues(leg)
        legs[leg.id] = adopted
        return adopted
    }

    /// A re-INVITE on a leg we placed (the agent holds or resumes): answered like a caller's, from
    /// our own address with the leg's own key and our session's `o=` line one version on, and
    /// followed by the media; the call bridged to the leg hears of a hold or a resume (music on
    /// hold). A re-INVITE without SDP (late offer) gets our offer; the answer comes with the ACK
    /// (``lateOfferAnswer(_:sdp:)``). False when the leg is not ours; an offer that cannot be
    /// answered gets 488 and changes nothing.
    func reinvite(_ id: LegID, sdp: String?) async -> Bool {
        guard let leg = legs[id] else { return false }
        switch leg.media.answerReinvite(sdp, address: leg.address, codecs: leg.formats, sessionID: leg.sdpSessionID,
                                        version: leg.nextSDPVersion(), srtp: leg.srtp, key: localKeys[id] ?? leg.srtp.answerKey) {
        case .accept(let answer, let holds):
            await sip.acceptReinvite(id, sdp: answer)
            if let holds { await leg.holdChanged(holds) }
        case .refuse:
            logger.notice("a re-INVITE on an outbound leg offers nothing we can answer: 488, the call goes on as it was")
            await sip.refuseReinvite(id, status: 488)
        }
        return true
    }

    /// The ACK of our 200 to a re-INVITE without SDP carried the peer's answer to our offer.
    func lateOfferAnswer(_ id: LegID, sdp: String) async -> Bool {
        guard let leg = legs[id] else { return false }
        if let holds = leg.media.followLateAnswer(sdp, srtp: leg.srtp) { await leg.holdChanged(holds) }
        return true
    }
}

/// One leg the Sofia dialer placed: its SIP handle and its media.
final class SofiaDialedLeg: DialedLeg {
    let id: LegID
    let media: MediaLeg
    let sip: SIPStack
    let report: @Sendable (DialEvent) async -> Void
    /// Our offer's crypto lines and the policy: the answer is checked against them.
    let srtp: LegSRTP
    /// The media address our offer gave (public or local): answers to re-INVITEs give it again.
    let address: String
    /// The codecs we offered, in order: a re-INVITE is answered from them.
    let formats: [SDPCodec]
    /// Our `o=` session id toward this leg: answers to its re-INVITEs keep it, one version on.
    let sdpSessionID: UInt64
    private let sdpVersion = Atomic<UInt64>(1)
    private let state = Atomic<Bool>(false)
    private let hangUpAsked = Atomic<Bool>(false)
    private let held = Atomic<Bool>(false)
    /// Handed over to another owner (``SofiaDialer/adopt(_:events:)``): this object no longer
    /// speaks for the leg.
    private let detached = Atomic<Bool>(false)
    /// Who hears of this leg's hold and resume: the call it is bridged to (music on hold).
    private let holdObserver = Mutex<(@Sendable (Bool) async -> Void)?>(nil)
    /// Our BYE on an answered leg brings no event back (the stack reports only the far end's
    /// doing): the dialer lets go of the leg and its media right away instead.
    let hungUpByUs: @Sendable (SofiaDialedLeg) async -> Void

    init(id: LegID, media: MediaLeg, sip: SIPStack, report: @escaping @Sendable (DialEvent) async -> Void, srtp: LegSRTP = LegSRTP(.off),
         address: String = "", formats: [SDPCodec] = [.pcmu, .pcma], sdpSessionID: UInt64 = SessionDescription.newSessionID(),
         hungUpByUs: @escaping @Sendable (SofiaDialedLeg) async -> Void = { _ in }) {
        self.sdpSessionID = sdpSessionID
        self.hungUpByUs = hungUpByUs
        self.srtp = srtp
        self.address = address
        self.formats = formats
        self.id = id
        self.media = media
        self.sip = sip
        self.report = report
    }

    func answered() { state.store(true, ordering: .relaxed) }

    /// Marks this object as no longer the leg's owner; false if it already was handed over.
    func detach() -> Bool {
        !detached.exchange(true, ordering: .relaxed)
    }

    /// Takes over the state of the object this one replaces (answered, `o=` version, hold).
    func continues(_ previous: SofiaDialedLeg) {
        if previous.wasAnswered { answered() }
        sdpVersion.store(previous.sdpVersion.load(ordering: .relaxed), ordering: .relaxed)
        held.store(previous.isHeld, ordering: .relaxed)
    }

    /// The `o=` version of our next SDP toward the leg (RFC 3264 §8: each new one is one more).
    func nextSDPVersion() -> UInt64 { sdpVersion.add(1, ordering: .relaxed).newValue }

    /// Whether the callee has put the call on hold (its last offer was sendonly or inactive).
    var isHeld: Bool { held.load(ordering: .relaxed) }

    /// Tells `observer` of each hold and resume from now on (nil: nobody); the bridged call sets it.
    func observeHold(_ observer: (@Sendable (Bool) async -> Void)?) {
        holdObserver.withLock { $0 = observer }
    }

    /// The callee's latest direction: a change is passed on to the observer.
    func holdChanged(_ isHeld: Bool) async {
        guard held.exchange(isHeld, ordering: .relaxed) != isHeld else { return }
        let observer = holdObserver.withLock { $0 }
        await observer?(isHeld)
    }
    var wasAnswered: Bool { state.load(ordering: .relaxed) }

    /// CANCEL before the answer, BYE after; the final event follows from Sofia. A 200 that
    /// crosses the CANCEL is answered with a BYE by the dialer.
    func hangUp() async {
        guard !detached.load(ordering: .relaxed) else { return }   // the leg has another owner now
        hangUpAsked.store(true, ordering: .relaxed)
        await sip.hangup(id)
        if wasAnswered { await hungUpByUs(self) }
    }

    var hangUpWasAsked: Bool { hangUpAsked.load(ordering: .relaxed) }
}

extension SIPEvent {
    /// The leg an event is about; nil for a registration.
    var leg: LegID? {
        switch self {
        case .incomingCall(let call): call.leg
        case .cancelled(let leg), .hungUp(let leg), .reinvite(let leg, _), .lateOfferAnswer(let leg, _), .dtmf(let leg, _),
             .progress(let leg, _, _), .answered(let leg, _), .failed(let leg, _, _), .refer(let leg, _): leg
        case .registered: nil
        }
    }
}
