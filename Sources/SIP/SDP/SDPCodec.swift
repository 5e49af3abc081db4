/// One audio format as SDP names it (`a=rtpmap:<pt> <encoding>/<clock>[/<channels>]`, fmtp): what
/// our offers list in preference order, and what an answer picks from an offer. The media side
/// has its own coder for each; Server maps between the two by name.
public struct SDPCodec: Sendable, Hashable, CustomStringConvertible {
    public var encoding: String
    public var clockRate: Int
    public var channels: Int?
    /// Ours in an offer; in an answer, the offer's number for it.
    public var payloadType: UInt8
    /// Whether `payloadType` is RFC 3551's static number, which an offer may use without an rtpmap.
    public var isStatic: Bool
    public var fmtp: String?

    public init(encoding: String, clockRate: Int, channels: Int? = nil, payloadType: UInt8, isStatic: Bool,
                fmtp: String? = nil) {
        self.encoding = encoding
        self.clockRate = clockRate
        self.channels = channels
        self.payloadType = payloadType
        self.isStatic = isStatic
        self.fmtp = fmtp
    }

    public static let pcmu = SDPCodec(encoding: "PCMU", clockRate: 8000, payloadType: 0, isStatic: true)
    public static let pcma = SDPCodec(encoding: "PCMA", clockRate: 8000, payloadType: 8, isStatic: true)
    /// G.722's RTP clock is 8000 though it samples at 16 kHz (RFC 3551 §4.5.2).
    public static let g722 = SDPCodec(encoding: "G722", clockRate: 8000, payloadType: 9, isStatic: true)
    /// RFC 7587: always `opus/48000/2`; 111 is the dynamic number most phones use.
    public static let opus = SDPCodec(encoding: "opus", clockRate: 48000, channels: 2, payloadType: 111, isStatic: false,
                                      fmtp: "minptime=10;useinbandfec=1")

    /// The configuration names (`pcmu`, `pcma`, `g722`, `opus`) to their formats.
    public static let byName: [String: SDPCodec] = ["pcmu": .pcmu, "pcma": .pcma, "g722": .g722, "opus": .opus]

    /// The lower-case name `byName` knows it by.
    public var name: String { encoding.lowercased() }

    public var description: String { "\(encoding)/\(clockRate)" }

    /// `PCMU/8000`, `opus/48000/2`.
    var rtpmapValue: String { "\(encoding)/\(clockRate)" + (channels.map { "/\($0)" } ?? "") }

    /// Whether the offer's payload type `pt` in `media` is this format: by its rtpmap (names are
    /// case-insensitive, RFC 4855 §3), or by the static number when it has none.
    func isOffered(as pt: UInt8, in media: SessionDescription.Media) -> Bool {
        if let map = media.rtpmaps[pt] {
            return map.encoding.lowercased() == encoding.lowercased() && map.clockRate == clockRate
        }
        return isStatic && pt == payloadType
    }

    /// The static ones among RFC 3551 numbers, for the older `[UInt8]` APIs.
    static func staticCodec(_ pt: UInt8) -> SDPCodec? {
        [SDPCodec.pcmu, .pcma, .g722].first { $0.payloadType == pt }
    }
}
