/// Identifies a leg inside one engine.
typealias LegID = UInt64

/// A request from any thread to the media thread, carried by the `Mailbox`.
enum MediaCommand: Sendable {
    case open(LegSetup)
    case setRemote(LegID, SocketAddress, Codec, telephoneEvent: UInt8?)
    case setLatching(LegID, RTPLatch)
    case setCrypto(LegID, SRTPKeys?)
    case setSending(LegID, Bool)
    case play(LegID, AudioClip, id: UInt64)
    case stopPlayback(LegID)
    case playMusic(LegID, AudioClip)
    case startRecording(LegID, RecordingRequest)
    case stopRecording(LegID, reason: String)
    case pauseRecording(LegID, Bool)
    case bridge(LegID, LegID, recording: WAVWriter?)
    case unbridge(LegID)
    case echo(LegID, Bool)
    case analyse(LegID, FarEndAnalysisRequest?)
    case joinRoom(LegID, RoomID, muted: Bool, audience: Audience)
    case leaveRoom(LegID)
    case setSeat(RoomID, LegID, muted: Bool?, audience: Audience?)
    case closeRoom(RoomID)
    case close(LegID)
}

/// Everything the media thread needs to take over a freshly opened leg.
struct LegSetup: Sendable {
    var id: LegID
    var port: UInt16
    var rtp: UDPSocket
    var rtcp: UDPSocket
    var events: AsyncStream<MediaEvent>.Continuation
    var counters: LegCounters
}

/// A recording to start: the file is already created, so errors reached the caller.
struct RecordingRequest: Sendable {
    var writer: WAVWriter
    var maxSeconds: Double
    var silenceSeconds: Double?
    var beep: Bool
}
