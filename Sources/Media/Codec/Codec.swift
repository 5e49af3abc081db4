/// An audio codec as negotiated for one leg: its format, the payload type it travels under on this
/// leg (static for G.711 and G.722, the offer's dynamic number for Opus) and its fmtp. A small
/// value: the state a format needs (G.722, Opus) lives in the leg's `AudioEncoder`/`AudioDecoder`,
/// made by `makeEncoder()`/`makeDecoder()` when the leg learns its remote.
///
/// The engine's own audio is always 8 kHz 16-bit mono; every coder takes and gives that.
public struct Codec: Sendable, Hashable, CustomStringConvertible {
    /// What is on the wire, whatever payload type it travels under.
    public enum Format: String, Sendable, Hashable, CaseIterable {
        case pcmu, pcma, g722, opus

        /// The `a=rtpmap` encoding name.
        public var encodingName: String {
            switch self {
            case .pcmu: "PCMU"
            case .pcma: "PCMA"
            case .g722: "G722"
            case .opus: "opus"
            }
        }

        /// The RTP clock: 8000 for G.722 too (RFC 3551 §4.5.2 keeps its historical 8000 though it
        /// samples at 16 kHz), 48000 for Opus whatever its audio bandwidth (RFC 7587 §4.1).
        public var clockRate: Int { self == .opus ? 48000 : 8000 }

        /// The rtpmap's channel count: Opus always says 2 (RFC 7587 §7), the others say nothing.
        public var channels: Int? { self == .opus ? 2 : nil }

        /// The payload type RFC 3551 fixes, nil for dynamic ones.
        public var staticPayloadType: UInt8? {
            switch self {
            case .pcmu: 0
            case .pcma: 8
            case .g722: 9
            case .opus: nil
            }
        }

        /// The number our offers use: the static one, or 111 for Opus (what most phones use).
        public var offerPayloadType: UInt8 { staticPayloadType ?? 111 }

        /// The fmtp our offers and answers carry (RFC 7587 §6.1: we take in-band FEC, 10 ms frames).
        public var fmtp: String? { self == .opus ? "minptime=10;useinbandfec=1" : nil }

        /// Whether an rtpmap names this format (encoding names are case-insensitive, RFC 4855 §3).
        public func matches(encoding: String, clockRate: Int) -> Bool {
            encoding.lowercased() == encodingName.lowercased() && clockRate == self.clockRate
        }
    }

    public var format: Format
    public var payloadType: UInt8
    public var fmtp: String?

    public init(_ format: Format, payloadType: UInt8? = nil, fmtp: String? = nil) {
        self.format = format
        self.payloadType = payloadType ?? format.offerPayloadType
        self.fmtp = fmtp ?? format.fmtp
    }

    public static let pcmu = Codec(.pcmu)
    public static let pcma = Codec(.pcma)
    public static let g722 = Codec(.g722)
    public static let opus = Codec(.opus)

    /// A static payload type without an rtpmap (0 PCMU, 8 PCMA, 9 G.722); nil for any other.
    public init?(payloadType: UInt8) {
        guard let format = Format.allCases.first(where: { $0.staticPayloadType == payloadType }) else { return nil }
        self.init(format)
    }

    public var clockRate: Int { format.clockRate }

    /// RTP timestamp units per 8 kHz sample of the engine's audio: 1, or 6 for Opus.
    public var clockPer8kSample: Int { clockRate / 8000 }

    public var description: String { format.encodingName }

    /// A fresh encoder of 8 kHz audio into this codec; one per leg, as G.722 and Opus keep state.
    public func makeEncoder() -> any AudioEncoder {
        switch format {
        case .pcmu, .pcma: G711Coder(format: format)
        case .g722: G722Encoder()
        case .opus: OpusEncoder()
        }
    }

    /// A fresh decoder of this codec's payloads into 8 kHz audio; one per leg.
    public func makeDecoder() -> any AudioDecoder {
        switch format {
        case .pcmu, .pcma: G711Coder(format: format)
        case .g722: G722Decoder()
        case .opus: OpusDecoder()
        }
    }

    /// Encodes with a stateless G.711 table, or a one-off coder for the others (tests, fuzzing).
    public func encode(_ samples: some Collection<Int16>) -> [UInt8] {
        switch format {
        case .pcmu, .pcma: G711Coder.encode(samples, format: format)
        default: makeEncoder().encode(Array(samples))
        }
    }

    public func decode(_ bytes: some Collection<UInt8>) -> [Int16] {
        switch format {
        case .pcmu, .pcma: G711Coder.decode(bytes, format: format)
        default: makeDecoder().decode(Array(bytes))
        }
    }

    /// How far a payload moves the RTP timestamp, in this codec's clock, without decoding it.
    public func timestampLength(of payload: [UInt8]) -> Int {
        format == .opus ? OpusDecoder.duration(of: payload) : payload.count
    }

    /// Re-encodes a payload for a leg that speaks `target`; returns it untouched when the format
    /// is the same.
    public func transcode(_ payload: [UInt8], to target: Codec) -> [UInt8] {
        target.format == format ? payload : target.encode(decode(payload))
    }
}
