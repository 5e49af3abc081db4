import CallgateCore
import Config
import Engine
import Foundation
import Logging
import Media
import SIP
import Synchronization

/// One inbound call's SIP leg and media: carries out the call machine's effects with Sofia-SIP and
/// the RTP engine, and reports what happens back to the session.
actor SIPCallEdge: CallEdge {
    let callID: String
    let leg: LegID
    let caller: SIPAddress
    let sip: SIPStack
    let media: MediaLeg
    let answerSDP: String
    let services: EdgeServices
    let logger: Logger
    /// Feeds the session; set once the session exists.
    var deliver: @Sendable (CallInput) async -> Void = { _ in }

    var nextClipID: UInt64 = 1
    /// The prompt the machine is waiting for, by clip id; nil when none is playing.
    var currentPrompt: UInt64?
    var recordings = 0
    /// In a queue: the music on hold looping, the agent's media once bridged, the queue recording.
    var inQueue = false
    var holding: AudioClip?
    var holdClipID: UInt64 = 0
    var bridgedAgent: SofiaDialedLeg?
    var queueRecording: String?
    /// Seated in a conference room (`SIPCallEdge+Conference`).
    var inConference = false
    /// The session's vars, for the queue's screen pop.
    var currentVars: @Sendable () async -> [String: JSONValue] = { [:] }
    var eventTask: Task<Void, Never>?
    var closed = false
    /// What the API shows of the call and may change: route, queue, recording and its pause (SIPCallEdge+Control).
    var control = EdgeControlState()
    /// SDES-SRTP of the caller's leg: its policy, our key, our offer's lines (late offer).
    var srtp = LegSRTP(.off)
    /// This call's place among the calls in set-up, given back at the answer, early media or the end.
    let setup: SetupTicket?
    /// The caller's codecs in our preference order, for answering its re-INVITEs (empty: `sip.codecs`).
    let codecs: [SDPCodec]
    /// Our `o=` line toward the caller: answers to its re-INVITEs keep the id, one version on.
    let sdpSessionID: UInt64
    var sdpVersion: UInt64 = 1
    /// Hold: whether the caller, or the party bridged to it, holds the call; the queue's music (for
    /// a party held in a queue call); when a bridge's recording started (hold marks its offset).
    var callerHolds = false
    var peerHolds = false
    var queueMusic: AudioClip?
    var bridgeRecordingStarted: ContinuousClock.Instant?
    /// The leg of a scenario's `transfer` while bridged to it.
    var transferLeg: SofiaDialedLeg?
    /// A supervisor in the queue call (the caller, the agent and the supervisor share a room).
    var supervision: SupervisionSession?
    /// A third party the operator added (the API), ringing or in a room with caller and operator.
    var threeWay: ThreeWay?
    /// A transfer the operator's phone (REFER) or the API asked for, while its target rings.
    var operatorTransfer: OperatorTransfer?
    var operatorTransferSerial: UInt64 = 0
    /// The leg a completed transfer bridged the caller to; hung up with the call.
    var transferredLeg: (leg: SofiaDialedLeg, to: String)?
    /// A call the engine placed (originate): the leg it dialed. There is nothing to answer, and
    /// ending the call before the callee answers cancels the ringing.
    nonisolated let outboundLeg: SofiaDialedLeg?
    nonisolated var isOutbound: Bool { outboundLeg != nil }

    init(callID: String, leg: LegID, caller: SIPAddress, media: MediaLeg, answerSDP: String, services: EdgeServices, setup: SetupTicket? = nil,
         codecs: [SDPCodec] = [], outboundLeg: SofiaDialedLeg? = nil, logger: Logger) {
        self.outboundLeg = outboundLeg
        self.codecs = codecs.isEmpty ? CodecPolicy.formats(services.config.sip.codecs) : codecs
        self.callID = callID
        self.leg = leg
        self.caller = caller
        self.sip = services.sip
        self.media = media
        self.answerSDP = answerSDP
        let parsed = SessionDescription.parse(answerSDP)
        sdpSessionID = parsed?.sessionID.flatMap { UInt64($0) } ?? SessionDescription.newSessionID()
        sdpVersion = parsed?.sessionVersion.flatMap { UInt64($0) } ?? 1
        self.services = services
        self.setup = setup
        self.logger = logger
        Self.live.add(1, ordering: .relaxed)
    }

    deinit {
        Self.live.subtract(1, ordering: .relaxed)
    }

    private static let live = Atomic<Int>(0)
    /// Call edges in memory in this process: 0 once every call has been let go.
    static var liveCount: Int { live.load(ordering: .relaxed) }

    /// Connects the edge to its session and starts listening to the media.
    func attach(_ deliver: @escaping @Sendable (CallInput) async -> Void, vars: @escaping @Sendable () async -> [String: JSONValue]) {
        self.deliver = deliver
        self.currentVars = vars
        let events = media.events
        eventTask = Task { [weak self] in
            for await event in events { await self?.mediaEvent(event) }
        }
    }

    func perform(_ effect: CallEffect) async {
        guard !closed else { return }
        // The scenario has decided about this call: it no longer counts as in set-up.
        switch effect {
        case .answer, .earlyMedia, .reject, .hangup: setup?.finish()
        default: break
        }
        switch effect {
        case .answer:
            if !isOutbound { await sip.answer(leg, sdp: answerSDP) }   // an outbound call is answered by its callee
        case .earlyMedia:
            if !isOutbound { await sip.progress(leg, sdp: answerSDP) }
        case .startPrompt(let prompt):
            startPrompt(prompt)
        case .stopPrompt:
            currentPrompt = nil
            media.stopPlayback()
        case .collectDigits:
            break
        case .startRecording(let record):
            startRecording(record)
        case .stopRecording(let reason):
            media.stopRecording(reason: reason)
        case .setRecordingPaused(let paused):
            pauseRecording(paused)
        case .startEcho:
            media.startEcho()
        case .stopEcho:
            media.stopEcho()
        case .transfer:
            break  // the session drives transfers (CallSession+Transfer)
        case .enqueue(let enqueue):
            await self.enqueue(enqueue)
        case .leaveQueue(let reason):
            if inQueue {
                inQueue = false
                holding = nil
                await services.queues?.callerLeft(callID, reason: reason)
            }
            await dropOperatorTransfer()   // the scenario moves on: a target still ringing is cancelled
        case .joinConference(let conference):
            await joinConference(conference)
        case .leaveConference(let reason):
            await leaveConference(reason: reason)
        case .analyseAudio(let analysis):
            analyseAudio(analysis)
        case .hangup:
            await sip.hangup(leg)
        case .reject(let code, _):
            if let outboundLeg {
                await outboundLeg.hangUp()   // never answered: CANCEL the ringing (nothing when it already failed)
            } else {
                await sip.reject(leg, status: code)
            }
        case .trail, .runScenario, .notifyScenario, .startTimer, .cancelTimer, .ended:
            break
        }
    }

    /// Reports to the session from a fresh task: never from inside `perform`, whose caller is still
    /// carrying out the effects of the previous input.
    func report(_ input: CallInput) {
        let deliver = self.deliver
        Task { await deliver(input) }
    }

    // MARK: A transfer's leg, as the session asks

    func startRingback() async {
        guard !closed else { return }
        media.play(AudioClip.ringback, id: 0)
    }

    func bridge(to leg: any DialedLeg) async {
        guard !closed, let leg = leg as? SofiaDialedLeg else { return }
        media.stopPlayback()
        media.bridge(with: leg.media)
        transferLeg = leg
        observeHold(of: leg)
    }

    /// SIP INFO digits count like RFC 4733 ones.
    func sipDTMF(_ key: Character) {
        guard !closed else { return }
        report(.dtmf(key))
    }

    /// Hold and resume: follow the caller's direction and answer with ours (our session's `o=`,
    /// one version on); the party bridged to the caller hears music on hold meanwhile. A
    /// re-INVITE without SDP gets our offer (its answer comes with the ACK); an offer we cannot
    /// answer gets 488 and the call goes on as it was.
    func reinvite(_ sdp: String?) async {
        // The address our first answer gave (public or local, as the caller's network asked).
        let address = SessionDescription.parse(answerSDP)?.connectionAddress ?? services.rtpAddress
        sdpVersion += 1
        switch media.answerReinvite(sdp, address: address, codecs: codecs, sessionID: sdpSessionID, version: sdpVersion,
                                    srtp: srtp, key: srtp.answerKey) {
        case .accept(let answer, let holds):
            await sip.acceptReinvite(leg, sdp: answer)
            if let holds { await callerHoldChanged(holds) }
        case .refuse:
            logger.notice("the caller's re-INVITE offers nothing we can answer: 488, the call goes on as it was")
            await sip.refuseReinvite(leg, status: 488)
        }
    }

    /// The caller's answer to our offer (a re-INVITE without SDP): follow its address and direction.
    func remoteAnswer(_ sdp: String) {
        guard let holds = media.followLateAnswer(sdp, srtp: srtp) else {
            // No clear RTP to a required peer, not even to an address learnt from its packets.
            if srtp.policy == .required { logger.warning("the caller's answer has no usable SRTP and its policy requires it: sending nothing") }
            return
        }
        Task { await self.callerHoldChanged(holds) }
    }

    func close() async {
        guard !closed else { return }
        closed = true
        setup?.finish()  // a caller who hung up during set-up: the call.end run must not hold the place
        forgetHold()
        conversationEnded()
        if inQueue {
            inQueue = false
            await services.queues?.callerLeft(callID, reason: "hangup")
        }
        await leaveConference(reason: "hangup")
        noteQueueRecordingAtClose()
        await dropOperatorTransfer()
        await dropThreeWay()
        media.close()
        eventTask?.cancel()
    }
}
