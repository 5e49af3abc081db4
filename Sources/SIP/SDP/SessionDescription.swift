/// An SDP body (RFC 4566), parsed only as far as a G.711 voice endpoint needs: addresses, audio
/// port, payload types with their rtpmaps, direction and ptime. Pure: no I/O, no Sofia.
public struct SessionDescription: Sendable, Hashable {
    /// The `o=` line's fields after the username: session id and version.
    public var sessionID: String?
    public var sessionVersion: String?
    /// Session-level `c=` address.
    public var connectionAddress: String?
    /// Session-level direction attribute, if any.
    public var sessionDirection: MediaDirection?
    /// Every `m=` line in order (the answer must mirror them one for one).
    public var media: [Media]

    /// One `m=` line with its attributes.
    ///
    /// Numbers from the wire are typed to their ranges here, once: a port is a `UInt16`, a payload
    /// type a `UInt8` in 0...127 (RFC 3551: seven bits). Anything out of range is dropped by the
    /// parser, so no caller narrows a wire number again.
    public struct Media: Sendable, Hashable {
        public var type: String
        public var port: UInt16
        public var proto: String
        /// Format tokens as sent (payload type numbers for RTP).
        public var formats: [String]
        /// Media-level `c=` address, overriding the session's.
        public var connectionAddress: String?
        public var rtpmaps: [UInt8: RTPMap]
        public var fmtps: [UInt8: String]
        public var direction: MediaDirection?
        public var ptime: Int?
        /// The `a=crypto` lines we can use, in offer order (unusable ones are left out by the parser).
        public var cryptos: [CryptoAttribute] = []

        /// Payload type numbers, in offer order (non-numeric and out-of-range formats dropped).
        public var payloadTypes: [UInt8] { formats.compactMap(SessionDescription.payloadType) }

        /// The payload type of `telephone-event/8000`, if offered.
        public var telephoneEventPayloadType: UInt8? {
            payloadTypes.first { rtpmaps[$0]?.isTelephoneEvent8000 == true }
        }

        /// The payload type of telephone-event at `clockRate` if offered, else at 8000, else at any
        /// clock (RFC 4733 §2.1 ties its clock to the codec's; phones offering Opus often still use 8000).
        public func telephoneEventPayloadType(clockRate: Int) -> UInt8? {
            let events = payloadTypes.filter { rtpmaps[$0]?.encoding.lowercased() == "telephone-event" }
            return events.first { rtpmaps[$0]?.clockRate == clockRate }
                ?? events.first { rtpmaps[$0]?.clockRate == 8000 } ?? events.first
        }

        /// Whether `pt` means the static codec `staticPT` (0 PCMU, 8 PCMA), by rtpmap or by number.
        public func payloadType(_ pt: UInt8, is staticPT: UInt8) -> Bool {
            if let map = rtpmaps[pt] {
                guard let name = RTPMap.staticNames[staticPT] else { return false }
                return map.encoding.uppercased() == name && map.clockRate == 8000
            }
            return pt == staticPT
        }
    }

    /// `a=rtpmap:<pt> <encoding>/<clock>[/<channels>]`.
    public struct RTPMap: Sendable, Hashable {
        public var encoding: String
        public var clockRate: Int
        public var channels: Int?

        public init(encoding: String, clockRate: Int, channels: Int? = nil) {
            self.encoding = encoding
            self.clockRate = clockRate
            self.channels = channels
        }

        var isTelephoneEvent8000: Bool { encoding.lowercased() == "telephone-event" && clockRate == 8000 }

        /// Encoding names of the static payload types this module speaks.
        public static let staticNames: [UInt8: String] = [0: "PCMU", 8: "PCMA"]
    }

    /// The first audio stream that is not disabled (port 0).
    public var audio: Media? { media.first { $0.type == "audio" && $0.port != 0 } }

    /// Where the audio goes: the audio stream's `c=`, else the session's.
    public var audioAddress: String? { audio?.connectionAddress ?? connectionAddress }

    /// Effective audio direction: media-level, else session-level, else sendrecv.
    public var audioDirection: MediaDirection { audio?.direction ?? sessionDirection ?? .sendrecv }

    /// A payload type token (`"0"`, `"101"`) as a number in 0...127, else nil.
    public static func payloadType<S: StringProtocol>(_ token: S) -> UInt8? {
        guard let value = UInt8(token), value <= 127 else { return nil }
        return value
    }

    /// Whether this offer puts the call on hold (sendonly/inactive, or the RFC 2543 `c=0.0.0.0`).
    public var isHold: Bool {
        audioDirection == .sendonly || audioDirection == .inactive || audioAddress == "0.0.0.0"
    }

    public init(sessionID: String? = nil, sessionVersion: String? = nil, connectionAddress: String? = nil,
                sessionDirection: MediaDirection? = nil, media: [Media] = []) {
        self.sessionID = sessionID
        self.sessionVersion = sessionVersion
        self.connectionAddress = connectionAddress
        self.sessionDirection = sessionDirection
        self.media = media
    }
}

/// An SDP direction attribute.
public enum MediaDirection: String, Sendable, Hashable, CaseIterable {
    case sendrecv, sendonly, recvonly, inactive

    /// The direction an answer states for this offered direction (RFC 3264 6.1).
    public var mirrored: MediaDirection {
        switch self {
        case .sendrecv: .sendrecv
        case .sendonly: .recvonly
        case .recvonly: .sendonly
        case .inactive: .inactive
        }
    }
}
