/// The outgoing side of one leg's RTP stream: SSRC, sequence number and timestamp, continuing
/// across prompts, pauses and relayed audio, as one stream for the whole call. Pure.
///
/// Timestamps follow the media clock: a tick with nothing to send still moves the timestamp on, and
/// the first packet after such a pause carries the marker bit (RFC 3551 §4.1, start of a talkspurt).
/// Relayed packets keep the spacing of the stream they come from, so the far end's jitter buffer sees
/// the same gaps (lost packets, silence suppression) as the original.
struct RTPSender: Sendable {
    struct RelayAnchor: Sendable {
        var sourceSSRC: UInt32
        var incoming: UInt32
        var outgoing: UInt32
    }

    /// The largest incoming timestamp step still treated as a gap in one stream (2 s at 8 kHz).
    static let maxRelayStep: Int32 = 16000

    let ssrc: UInt32
    private(set) var sequenceNumber: UInt16
    private(set) var timestamp: UInt32
    private var paused = true
    private var anchor: RelayAnchor?

    /// Random SSRC and initial sequence number and timestamp, as RFC 3550 §5.1 asks.
    init(ssrc: UInt32 = .random(in: 1...UInt32.max), sequenceNumber: UInt16 = .random(in: 0...UInt16.max),
         timestamp: UInt32 = .random(in: 0...UInt32.max)) {
        self.ssrc = ssrc
        self.sequenceNumber = sequenceNumber
        self.timestamp = timestamp
    }

    /// The packet for one frame of our own audio, sent now.
    mutating func packet(payloadType: UInt8, payload: [UInt8], samples: Int) -> RTPPacket {
        anchor = nil
        return emit(payloadType: payloadType, payload: payload, timestamp: timestamp, marker: paused, advance: samples)
    }

    /// A tick with nothing sent: time moves on, and the next packet starts a new talkspurt.
    mutating func skip(samples: Int) {
        timestamp &+= UInt32(truncatingIfNeeded: samples)
        paused = true
        anchor = nil
    }

    /// The packet relaying audio received from another stream, re-stamped into this one. `samples`
    /// is the packet's length in this stream's clock; a step of the source's timestamps is scaled
    /// from `sourceClock` to `clock` (48 kHz Opus relayed as 8 kHz G.711 steps 960 → 160).
    mutating func relay(payloadType: UInt8, payload: [UInt8], samples: Int, from source: RTPPacket,
                        sourceClock: Int = 8000, clock: Int = 8000) -> RTPPacket {
        var outgoing = timestamp
        var advances = true
        if let anchor, anchor.sourceSSRC == source.ssrc {
            let step = Int64(Int32(bitPattern: source.timestamp &- anchor.incoming))
            let sourceClock = Int64(max(1, sourceClock))
            if abs(step) <= Int64(Self.maxRelayStep) * sourceClock / 8000 {
                let scaled = step * Int64(clock) / sourceClock
                outgoing = anchor.outgoing &+ UInt32(truncatingIfNeeded: scaled)
                advances = scaled > 0  // a late (reordered) packet keeps its place and moves nothing on
            }
        }
        let marker = paused || source.marker || anchor?.sourceSSRC != source.ssrc
        if advances {
            anchor = RelayAnchor(sourceSSRC: source.ssrc, incoming: source.timestamp, outgoing: outgoing)
            timestamp = outgoing
        }
        return emit(payloadType: payloadType, payload: payload, timestamp: outgoing, marker: marker,
                    advance: advances ? samples : 0)
    }

    private mutating func emit(payloadType: UInt8, payload: [UInt8], timestamp stamp: UInt32, marker: Bool,
                               advance: Int) -> RTPPacket {
        let packet = RTPPacket(marker: marker, payloadType: payloadType, sequenceNumber: sequenceNumber,
                               timestamp: stamp, ssrc: ssrc, payload: payload)
        sequenceNumber &+= 1
        timestamp &+= UInt32(truncatingIfNeeded: advance)
        paused = false
        return packet
    }
}
