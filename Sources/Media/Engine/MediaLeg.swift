import Synchronization

/// One call's media endpoint: an RTP/RTCP port pair on the engine's address, what it plays, records,
/// hears and relays. Created by `MediaEngine.openLeg()`.
///
/// Every method may be called from any thread or task and returns at once: it posts a command to
/// the media thread, which applies commands in the order they were posted. Results arrive on
/// `events`. Closing (or releasing) the leg frees its ports.
public final class MediaLeg: Sendable {
    public let localPort: UInt16
    /// The leg's events, in order. One consumer; it finishes when the leg is closed.
    public let events: AsyncStream<MediaEvent>
    let id: LegID
    let engine: MediaEngine
    private let counters: LegCounters
    private let closed = Atomic<Bool>(false)

    init(id: LegID, localPort: UInt16, engine: MediaEngine, events: AsyncStream<MediaEvent>, counters: LegCounters) {
        self.id = id
        self.localPort = localPort
        self.engine = engine
        self.events = events
        self.counters = counters
    }

    public var stats: MediaStats { counters.snapshot }

    /// Where to send our audio, in which codec, and the payload type of telephone-events (nil if
    /// the remote did not offer RFC 4733). Packets from any other address are ignored from now on.
    /// Without a call to this, the leg answers whoever sends it RTP first (symmetric RTP).
    /// - Throws: `MediaError.invalidAddress` unless `host` is an IPv4 literal.
    public func setRemote(host: String, port: UInt16, codec: Codec, telephoneEvent: UInt8?) throws(MediaError) {
        let address = try SocketAddress(host: host, port: port)
        engine.post(.setRemote(id, address, codec, telephoneEvent: telephoneEvent))
    }

    /// Symmetric RTP for a peer behind a NAT: whether the leg may move its remote to where the
    /// peer's RTP really comes from, and the peer's signalling address (an IPv4 literal; anything
    /// else, or nil, turns latching off, since no source could be checked against it).
    public func setLatching(_ policy: RTPLatching, signallingHost: String?) {
        let address = signallingHost.flatMap { try? SocketAddress(host: $0, port: 0).address }
        engine.post(.setLatching(id, RTPLatch(policy: address == nil ? .off : policy, signallingAddress: address)))
    }

    /// SDES-SRTP from now on: packets we send are protected with `keys.local`, packets received must
    /// authenticate with `keys.remote` or are counted in `packetsRefused` and dropped (never relayed).
    /// nil goes back to clear RTP. Keys are fresh per leg; they never reach a log (redacted when printed).
    public func setCrypto(_ keys: SRTPKeys?) {
        engine.post(.setCrypto(id, keys))
    }

    /// Hold: false stops sending (the remote put us on hold), true resumes. Playback keeps time.
    public func setSending(_ enabled: Bool) {
        engine.post(.setSending(id, enabled))
    }

    /// Queues a clip after whatever is playing; `.playbackFinished(id)` follows its last packet.
    public func play(_ clip: AudioClip, id clipID: UInt64) {
        engine.post(.play(id, clip, id: clipID))
    }

    /// Music on hold: loops `clip` (after what is queued) until `stopPlayback()`, with no events.
    /// While it plays, audio relayed from a bridged leg is dropped, so a held party hears only it.
    public func playMusic(_ clip: AudioClip) {
        engine.post(.playMusic(id, clip))
    }

    /// Drops the whole queue at once (barge-in), music on hold too; no `.playbackFinished` for the dropped clips.
    public func stopPlayback() {
        engine.post(.stopPlayback(id))
    }

    /// Records what the remote sends into an 8 kHz mono 16-bit WAV file. With `beep`, the beep is
    /// queued like a clip and recording starts when it has been played. Ends with
    /// `.recordingFinished` ("max_length", "silence", the reason given to `stopRecording`, "hangup").
    /// - Parameters:
    ///   - silenceSeconds: end after this long without speech, counted from the start; nil: never.
    /// - Throws: `MediaError.recordingFile` when the file cannot be created.
    public func startRecording(path: String, maxSeconds: Double, silenceSeconds: Double?, beep: Bool) throws(MediaError) {
        let writer: WAVWriter
        do {
            writer = try WAVWriter(path: path)
        } catch {
            throw .recordingFile(path: path, "\(error)")
        }
        engine.post(.startRecording(id, RecordingRequest(writer: writer, maxSeconds: maxSeconds,
                                                         silenceSeconds: silenceSeconds, beep: beep)))
    }

    public func stopRecording(reason: String) {
        engine.post(.stopRecording(id, reason: reason))
    }

    /// Pauses (true) or resumes (false) every recording of this leg: its own (`startRecording`) and
    /// the stereo one of a bridge it leads (`bridge(with:recordingTo:)`), now and any started while
    /// paused. A paused span is silence in the file, which keeps its length; nothing else changes
    /// (the caller is still heard across the bridge).
    public func setRecordingPaused(_ paused: Bool) {
        engine.post(.pauseRecording(id, paused))
    }

    /// Connects two legs both ways: audio received on each is relayed to the other as it arrives.
    /// Both legs stop their own playback. Bridging to a third leg unbridges the previous pair.
    /// - Precondition: both legs belong to the same engine.
    public func bridge(with other: MediaLeg) {
        precondition(other.engine === engine, "legs of different media engines cannot be bridged")
        engine.post(.bridge(id, other.id, recording: nil))
    }

    /// Bridges and records both sides into one stereo WAV: this leg on the left channel, `other`
    /// on the right. When the bridge ends (unbridge or close of either leg) this leg emits
    /// `.recordingFinished(path:seconds:reason: "bridge_ended")`.
    /// - Throws: `MediaError.recordingFile` when the file cannot be created.
    public func bridge(with other: MediaLeg, recordingTo path: String) throws(MediaError) {
        precondition(other.engine === engine, "legs of different media engines cannot be bridged")
        let writer: WAVWriter
        do {
            writer = try WAVWriter(path: path, channels: 2)
        } catch {
            throw .recordingFile(path: path, "\(error)")
        }
        engine.post(.bridge(id, other.id, recording: writer))
    }

    /// Echo test: audio received on this leg goes straight back to its remote, re-stamped into the
    /// leg's own stream (payload untouched). Stops playback; ends any bridge. `stopEcho` ends it.
    public func startEcho() {
        engine.post(.echo(id, true))
    }

    public func stopEcho() {
        engine.post(.echo(id, false))
    }

    /// Ends the bridge in both directions.
    public func unbridge() {
        engine.post(.unbridge(id))
    }

    /// Ends the leg: unbridges it, ends a recording with "hangup", frees the ports and finishes
    /// `events`. The ports are free once the media thread has handled it (microseconds later).
    public func close() {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        engine.post(.close(id))
    }

    deinit {
        close()
    }
}
