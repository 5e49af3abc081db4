/// The result of answering an offer: our SDP plus what the media side needs to send RTP.
public struct SDPAnswer: Sendable, Hashable {
    /// The answer body to pass to `SIPStack.answer`/`progress`/`acceptReinvite`.
    public var sdp: String
    /// The chosen audio payload type (the offer's number for it).
    public var codec: UInt8
    /// The chosen format, under the offer's payload type: what the media side must speak.
    public var format: SDPCodec
    /// Where to send RTP (may be 0.0.0.0 for an RFC 2543 hold).
    public var remoteAddress: String
    public var remotePort: UInt16
    /// The offer's telephone-event payload type, when both sides do RFC 4733.
    public var telephoneEventPT: UInt8?
    /// The direction we stated (the offer's, mirrored).
    public var direction: MediaDirection
    /// The packet time we asked for, in ms.
    public var ptime: Int
}

extension SessionDescription {
    /// Answers `offer` with one codec: the first offered one that is in `supported` (static payload
    /// types, 0 = PCMU, 8 = PCMA, 9 = G.722), in the offer's order. Other streams are refused with
    /// port 0. telephone-event is answered only if offered, under the offer's payload type.
    /// Returns nil when there is no RTP/AVP audio stream or no common codec: reject with 488.
    public static func answer(
        to offer: SessionDescription, address: String, port: Int,
        supported: [UInt8] = [0, 8], telephoneEvent: UInt8? = 101,
        sessionID: UInt64 = SessionDescription.newSessionID(), version: UInt64 = 1
    ) -> SDPAnswer? {
        answer(to: offer, address: address, port: port, codecs: supported.compactMap(SDPCodec.staticCodec),
               inOfferOrder: true, telephoneEvent: telephoneEvent, sessionID: sessionID, version: version)
    }

    /// Answers `offer` with one codec: by default the first of `codecs` (our preference order) that
    /// the offer has, under the offer's payload type (dynamic ones included); with `inOfferOrder`,
    /// the first offered one we have. telephone-event is answered when offered and asked for, the
    /// one at the chosen codec's clock first (RFC 4733 §2.1), else the 8000 one.
    /// Returns nil when there is no RTP/AVP audio stream or no common codec: reject with 488.
    public static func answer(
        to offer: SessionDescription, address: String, port: Int, codecs: [SDPCodec], inOfferOrder: Bool = false,
        telephoneEvent: UInt8? = 101,
        sessionID: UInt64 = SessionDescription.newSessionID(), version: UInt64 = 1
    ) -> SDPAnswer? {
        guard let audioIndex = offer.media.firstIndex(where: { $0.type == "audio" && $0.port != 0 && isPlainRTP($0.proto) })
        else { return nil }
        let audio = offer.media[audioIndex]
        guard let chosen = choose(from: audio, codecs: codecs, inOfferOrder: inOfferOrder),
              let remoteAddress = audio.connectionAddress ?? offer.connectionAddress
        else { return nil }
        let codec = chosen.payloadType

        let event = telephoneEvent == nil ? nil : audio.telephoneEventPayloadType(clockRate: chosen.clockRate)
        let direction = (audio.direction ?? offer.sessionDirection ?? .sendrecv).mirrored
        let ptime = 20
        var lines = header(address: address, sessionID: sessionID, version: version)
        for (index, media) in offer.media.enumerated() {
            guard index == audioIndex else {
                lines.append("m=\(media.type) 0 \(media.proto) \(media.formats.first ?? "0")")
                continue
            }
            let formats = [codec] + (event.map { [$0] } ?? [])
            lines.append("m=audio \(port) RTP/AVP \(formats.map(String.init).joined(separator: " "))")
            lines.append("a=rtpmap:\(codec) \(chosen.rtpmapValue)")
            if let fmtp = chosen.fmtp { lines.append("a=fmtp:\(codec) \(fmtp)") }
            if let event {
                lines.append("a=rtpmap:\(event) telephone-event/\(audio.rtpmaps[event]?.clockRate ?? 8000)")
                lines.append("a=fmtp:\(event) 0-16")
            }
            lines.append("a=ptime:\(ptime)")
            lines.append("a=\(direction.rawValue)")
        }
        return SDPAnswer(sdp: lines.joined(separator: "\r\n") + "\r\n", codec: codec, format: chosen,
                         remoteAddress: remoteAddress, remotePort: audio.port,
                         telephoneEventPT: event, direction: direction, ptime: ptime)
    }

    /// Our codec for the offer, carrying the offer's payload type.
    static func choose(from audio: Media, codecs: [SDPCodec], inOfferOrder: Bool) -> SDPCodec? {
        let offered = audio.payloadTypes
        if inOfferOrder {
            for pt in offered {
                if var codec = codecs.first(where: { $0.isOffered(as: pt, in: audio) }) {
                    codec.payloadType = pt
                    return codec
                }
            }
            return nil
        }
        for var codec in codecs {
            if let pt = offered.first(where: { codec.isOffered(as: $0, in: audio) }) {
                codec.payloadType = pt
                return codec
            }
        }
        return nil
    }

    /// Parses `offer` and answers it; nil when it is not SDP or nothing matches.
    public static func answer(
        to offer: String, address: String, port: Int,
        supported: [UInt8] = [0, 8], telephoneEvent: UInt8? = 101,
        sessionID: UInt64 = SessionDescription.newSessionID(), version: UInt64 = 1
    ) -> SDPAnswer? {
        guard let parsed = parse(offer) else { return nil }
        return answer(to: parsed, address: address, port: port, supported: supported,
                      telephoneEvent: telephoneEvent, sessionID: sessionID, version: version)
    }

    /// Parses `offer` and answers it by our preference order; nil when it is not SDP or nothing matches.
    public static func answer(
        to offer: String, address: String, port: Int, codecs: [SDPCodec], telephoneEvent: UInt8? = 101,
        sessionID: UInt64 = SessionDescription.newSessionID(), version: UInt64 = 1
    ) -> SDPAnswer? {
        guard let parsed = parse(offer) else { return nil }
        return answer(to: parsed, address: address, port: port, codecs: codecs,
                      telephoneEvent: telephoneEvent, sessionID: sessionID, version: version)
    }

    /// An offer for an outbound leg: the static codecs in preference order, telephone-event, sendrecv.
    public static func offer(
        address: String, port: Int, codecs: [UInt8] = [0, 8], telephoneEvent: UInt8? = 101,
        direction: MediaDirection = .sendrecv,
        sessionID: UInt64 = SessionDescription.newSessionID(), version: UInt64 = 1
    ) -> String {
        offer(address: address, port: port, formats: codecs.compactMap(SDPCodec.staticCodec), telephoneEvent: telephoneEvent,
              direction: direction, sessionID: sessionID, version: version)
    }

    /// An offer for an outbound leg: `formats` in preference order under their own payload types
    /// (Opus 111), then telephone-event/8000 (what baresip and most phones offer beside Opus too).
    public static func offer(
        address: String, port: Int, formats: [SDPCodec], telephoneEvent: UInt8? = 101,
        direction: MediaDirection = .sendrecv,
        sessionID: UInt64 = SessionDescription.newSessionID(), version: UInt64 = 1
    ) -> String {
        var known: [SDPCodec] = []
        for codec in formats where !known.contains(where: { $0.payloadType == codec.payloadType }) && codec.payloadType != telephoneEvent {
            known.append(codec)
        }
        var lines = header(address: address, sessionID: sessionID, version: version)
        let numbers = known.map(\.payloadType) + (telephoneEvent.map { [$0] } ?? [])
        lines.append("m=audio \(port) RTP/AVP \(numbers.map(String.init).joined(separator: " "))")
        for codec in known {
            lines.append("a=rtpmap:\(codec.payloadType) \(codec.rtpmapValue)")
            if let fmtp = codec.fmtp { lines.append("a=fmtp:\(codec.payloadType) \(fmtp)") }
        }
        if let telephoneEvent {
            lines.append("a=rtpmap:\(telephoneEvent) telephone-event/8000")
            lines.append("a=fmtp:\(telephoneEvent) 0-16")
        }
        lines.append("a=ptime:20")
        lines.append("a=\(direction.rawValue)")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A fresh `o=` session id (NTP-style numbers are customary; any unique number will do).
    public static func newSessionID() -> UInt64 { UInt64.random(in: 1...UInt64(Int64.max)) }

    private static func header(address: String, sessionID: UInt64, version: UInt64) -> [String] {
        let family = address.contains(":") ? "IP6" : "IP4"
        return [
            "v=0",
            "o=callgate \(sessionID) \(version) IN \(family) \(address)",
            "s=callgate",
            "c=IN \(family) \(address)",
            "t=0 0",
        ]
    }

    private static func isPlainRTP(_ proto: String) -> Bool { proto.uppercased() == "RTP/AVP" }
}
