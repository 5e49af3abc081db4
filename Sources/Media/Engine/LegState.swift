import Logging

/// Everything the media thread knows about one leg. Only the media thread touches it.
///
/// - warning: Media thread only. Every method asserts it in debug builds; the public `MediaLeg`
///   reaches this state solely through commands posted to the `Mailbox`.
final class LegState {
    let id: LegID
    let port: UInt16
    let rtp: UDPSocket
    let rtcp: UDPSocket
    let events: AsyncStream<MediaEvent>.Continuation
    let counters: LegCounters
    let owner = ThreadOwner()
    var logger: Logger

    var remote: SocketAddress?
    /// Whether and to what the leg may move `remote` when RTP arrives from elsewhere (NAT).
    var latch = RTPLatch()
    private(set) var codec = Codec.pcmu
    /// The leg's coders for `codec`, made anew whenever the codec changes (G.722 and Opus keep state).
    private(set) var encoder: any AudioEncoder = Codec.pcmu.makeEncoder()
    private(set) var decoder: any AudioDecoder = Codec.pcmu.makeDecoder()
    var telephoneEvent: UInt8?
    /// SDES-SRTP of this leg; nil for clear RTP. Bridged legs each keep their own.
    var srtp: SRTPContext?
    private var srtpKeys: SRTPKeys?
    /// Off while the remote holds us: nothing is sent, and the RTP timeout is suspended.
    var sending = true
    var sender = RTPSender()
    var playout = Playout()
    var dtmf = DTMFReceiver()
    var recording: Recording?
    var timeout: RTPTimeoutWatch
    /// The bridged leg. Weak: legs are owned by the loop, and a closed leg unbridges first anyway.
    weak var peer: LegState?
    /// The stereo recording of the bridge and this leg's channel in it (0 owns and ticks it).
    var bridgeRecording: (recording: BridgeRecording, channel: Int)?
    /// The leg's place in a conference room; the loop's `RoomState` lists it among the members.
    var seat: Seat?
    /// `record_pause`: every recording of this leg, now and any that starts, gets silence (LegState+RecordingPause).
    var recordingPaused = false
    /// Answering-machine detection or a wait for silence on what the far end sends (LegState+Analysis).
    var analysis: FarEndAnalysis?

    init(_ setup: LegSetup, rtpTimeout: Duration, logger: Logger, now: MonotonicTime) {
        id = setup.id
        port = setup.port
        rtp = setup.rtp
        rtcp = setup.rtcp
        events = setup.events
        counters = setup.counters
        timeout = RTPTimeoutWatch(timeout: rtpTimeout, now: now)
        self.logger = logger
        self.logger[metadataKey: "media.port"] = "\(port)"
    }

    /// Whether our audio reaches anyone: a remote is known and it is not holding us.
    var canSend: Bool { remote != nil && sending }

    func setRemote(_ address: SocketAddress, codec: Codec, telephoneEvent: UInt8?, now: MonotonicTime) {
        owner.assertCurrent("LegState.setRemote")
        remote = address
        adopt(codec)
        self.telephoneEvent = telephoneEvent
        timeout.restart(now: now)
    }

    /// Installs (or, with nil, removes) the leg's SRTP. A session libsrtp2 refuses leaves the leg
    /// sending nothing rather than clear RTP: better silence than audio the policy forbids.
    func setCrypto(_ keys: SRTPKeys?) {
        owner.assertCurrent("LegState.setCrypto")
        // A re-INVITE that keeps the keys keeps the sessions: a fresh session would restart the
        // rollover counter under the same key.
        guard keys != srtpKeys || (keys != nil && srtp == nil) else { return }
        srtpKeys = keys
        guard let keys else {
            srtp = nil
            return
        }
        do {
            srtp = try SRTPContext(keys)
        } catch {
            logger.error("cannot start SRTP: \(error)")  // SRTPError carries a status, never a key
            srtp = nil
            sending = false
        }
    }

    /// Speaks `codec` from now on; the coders are kept when only nothing changed (a re-INVITE).
    func adopt(_ codec: Codec) {
        guard codec != self.codec else { return }
        self.codec = codec
        encoder = codec.makeEncoder()
        decoder = codec.makeDecoder()
    }

    func setSending(_ enabled: Bool, now: MonotonicTime) {
        owner.assertCurrent("LegState.setSending")
        if enabled, !sending { timeout.restart(now: now) }
        sending = enabled
    }

    func play(_ clip: AudioClip, id: UInt64) {
        owner.assertCurrent("LegState.play")
        playout.enqueue(clip, tag: .clip(id))
    }

    /// Music on hold: loops after what is queued; a bridged peer's audio is not relayed meanwhile.
    func playMusic(_ clip: AudioClip) {
        owner.assertCurrent("LegState.playMusic")
        playout.loop(clip)
    }

    /// Barge-in or bridging: the queue goes, silently. A recording waiting for its beep starts now.
    func stopPlayback(now: MonotonicTime) {
        owner.assertCurrent("LegState.stopPlayback")
        playout.clear()
        recording?.start(now: now)
    }

    func startRecording(_ request: RecordingRequest, now: MonotonicTime) {
        owner.assertCurrent("LegState.startRecording")
        finishRecording(reason: "replaced")
        let recording = Recording(request)
        recording.paused = recordingPaused
        self.recording = recording
        if request.beep {
            playout.enqueue(.beep, tag: .beep)
        } else {
            recording.start(now: now)
        }
    }

    func finishRecording(reason: String) {
        owner.assertCurrent("LegState.finishRecording")
        guard let recording else { return }
        self.recording = nil
        var reason = reason
        do {
            _ = try recording.finish()
        } catch {
            logger.error("recording file failed", metadata: ["path": "\(recording.path)", "error": "\(error)"])
            reason = "error"
        }
        events.yield(.recordingFinished(path: recording.path, seconds: recording.writer.seconds, reason: reason))
    }

    func bridge(with other: LegState, now: MonotonicTime) {
        owner.assertCurrent("LegState.bridge")
        guard other !== self else { return }
        if peer !== other {
            // Back from a room together (a supervisor left): the bridge's recording goes on.
            if let mine = bridgeRecording?.recording, mine === other.bridgeRecording?.recording {
                detachFromBridge()
                other.detachFromBridge()
            } else {
                unbridge()
                other.unbridge()
            }
        }
        peer = other
        other.peer = self
        stopPlayback(now: now)
        other.stopPlayback(now: now)
    }

    /// The echo test is a bridge of the leg with itself: `relay` then sends what arrives straight back.
    func echo(_ enabled: Bool, now: MonotonicTime) {
        owner.assertCurrent("LegState.echo")
        if enabled {
            if peer !== self { unbridge() }
            peer = self
            stopPlayback(now: now)
        } else if peer === self {
            peer = nil
        }
    }

    func unbridge() {
        owner.assertCurrent("LegState.unbridge")
        stopBridgeRecording()
        detachFromBridge()
    }

    /// Leaves the bridge (or the echo) but not its recording: the legs of a recorded call that move
    /// into a room keep recording their own voices until one of them is unbridged or closed.
    func detachFromBridge() {
        owner.assertCurrent("LegState.detachFromBridge")
        if peer !== self { peer?.peer = nil }
        peer = nil
    }

    /// Starts recording the bridge this leg is in: this leg left, the peer right.
    func recordBridge(_ recording: BridgeRecording) {
        owner.assertCurrent("LegState.recordBridge")
        guard let peer else {
            finishBridgeRecording(recording)
            return
        }
        recording.paused = recordingPaused
        bridgeRecording = (recording, 0)
        peer.bridgeRecording = (recording, 1)
        recording.left = self
        recording.right = peer
    }

    /// Ends the bridge's recording, reported by its owning (left-channel) leg.
    func stopBridgeRecording() {
        guard let (recording, _) = bridgeRecording else { return }
        let first = recording.left ?? self
        recording.left?.bridgeRecording = nil
        recording.right?.bridgeRecording = nil
        bridgeRecording = nil
        first.finishBridgeRecording(recording)
    }

    func finishBridgeRecording(_ recording: BridgeRecording) {
        var reason = "bridge_ended"
        var seconds = 0.0
        do {
            seconds = try recording.finish()
        } catch {
            logger.error("bridge recording failed", metadata: ["path": "\(recording.path)", "error": "\(error)"])
            reason = "error"
        }
        events.yield(.recordingFinished(path: recording.path, seconds: seconds, reason: reason))
    }

    /// Sends one packet to the remote, counting it.
    func send(_ packet: RTPPacket) {
        owner.assertCurrent("LegState.send")
        guard let remote, sending else { return }
        var bytes = packet.serialized()
        if let srtp {
            guard let protected = srtp.outbound.protect(bytes) else { return }
            bytes = protected
        }
        if rtp.send(bytes, to: remote) { counters.sent(bytes: bytes.count) }
    }
}
