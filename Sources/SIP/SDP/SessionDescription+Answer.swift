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
    /// SDES-SRTP, when we answered with a crypto line; nil for clear RTP.
    public var crypto: NegotiatedCrypto? = nil
}

extension SessionDescription {
    /// Answers `offer` with one codec: the first offered one that is in `supported` (static payload
    /// types, 0 = PCMU, 8 = PCMA, 9 = G.722), in the offer's order. SRTP as in the other `answer`.
    public static func answer(
        to offer: SessionDescription, address: String, port: Int,
        supported: [UInt8] = [0, 8], telephoneEvent: UInt8? = 101,
        sessionID: UInt64 = SessionDescription.newSessionID(), version: UInt64 = 1,
        srtp: SRTPPolicy = .off, key: [UInt8] = []
    ) -> SDPAnswer? {
        answer(to: offer, address: address, port: port, codecs: supported.compactMap(SDPCodec.staticCodec),
               inOfferOrder: true, telephoneEvent: telephoneEvent, sessionID: sessionID, version: version, srtp: srtp, key: key)
    }

    /// Answers `offer` with one codec: by default the first of `codecs` (our preference order) that
    /// the offer has, under the offer's payload type (dynamic ones included); with `inOfferOrder`,
    /// the first offered one we have. telephone-event is answered when offered and asked for, the
    /// one at the chosen codec's clock first (RFC 4733 §2.1), else the 8000 one. Other streams are
    /// refused with port 0. Returns nil when there is no audio stream we may answer or no common
    /// codec: reject with 488.
    ///
    /// SDES-SRTP (RFC 4568) follows `srtp`: `off` answers only RTP/AVP, in clear; `optional` answers
    /// a stream with a usable `a=crypto` line (RTP/SAVP, or RTP/AVP as best effort) with crypto, and
    /// a clear one in clear; `required` answers only a stream with a usable crypto line, and nil (488)
    /// otherwise. With crypto we answer the offer's first usable line under its tag with `key`
    /// (30 bytes of key||salt, fresh per leg), and `crypto` tells the media both keys.
    public static func answer(
        to offer: SessionDescription, address: String, port: Int, codecs: [SDPCodec], inOfferOrder: Bool = false,
        telephoneEvent: UInt8? = 101,
        sessionID: UInt64 = SessionDescription.newSessionID(), version: UInt64 = 1,
        srtp: SRTPPolicy = .off, key: [UInt8] = []
    ) -> SDPAnswer? {
        let candidates = offer.media.indices.filter { index in
            let media = offer.media[index]
            guard media.type == "audio", media.port != 0 else { return false }
            let secure = srtp != .off && !media.cryptos.isEmpty && key.count == CryptoAttribute.keySaltLength
            switch media.proto.uppercased() {
            case "RTP/AVP": return srtp != .required || secure
            case "RTP/SAVP": return secure
            default: return false
            }
        }
        // With a policy that allows it, a stream we can encrypt is preferred to a clear one.
        let canEncrypt = srtp != .off && key.count == CryptoAttribute.keySaltLength
        let preferred = canEncrypt ? candidates.first { !offer.media[$0].cryptos.isEmpty } : nil
        guard let audioIndex = preferred ?? candidates.first else { return nil }
        let audio = offer.media[audioIndex]
        let offeredCrypto = canEncrypt ? audio.cryptos.first : nil
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
            let proto = offeredCrypto == nil ? "RTP/AVP" : media.proto
            lines.append("m=audio \(port) \(proto) \(formats.map(String.init).joined(separator: " "))")
            if let offeredCrypto {
                let ours = CryptoAttribute(tag: offeredCrypto.tag, suite: offeredCrypto.suite, keySalt: key)
                lines.append("a=crypto:\(ours.attributeValue)")
            }
            lines.append("a=rtpmap:\(codec) \(chosen.rtpmapValue)")
            if let fmtp = chosen.fmtp { lines.append("a=fmtp:\(codec) \(fmtp)") }
            if let event {
                lines.append("a=rtpmap:\(event) telephone-event/\(audio.rtpmaps[event]?.clockRate ?? 8000)")
                lines.append("a=fmtp:\(event) 0-16")
            }
            lines.append("a=ptime:\(ptime)")
            lines.append("a=\(direction.rawValue)")
        }
        let crypto = offeredCrypto.map { NegotiatedCrypto(suite: $0.suite, localKey: key, remoteKey: $0.keySalt) }
        return SDPAnswer(sdp: lines.joined(separator: "\r\n") + "\r\n", codec: codec, format: chosen,
                         remoteAddress: remoteAddress, remotePort: audio.port,
                         telephoneEventPT: event, direction: direction, ptime: ptime, crypto: crypto)
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
        sessionID: UInt64 = SessionDescription.newSessionID(), version: UInt64 = 1,
        srtp: SRTPPolicy = .off, key: [UInt8] = []
    ) -> SDPAnswer? {
        guard let parsed = parse(offer) else { return nil }
        return answer(to: parsed, address: address, port: port, supported: supported,
                      telephoneEvent: telephoneEvent, sessionID: sessionID, version: version, srtp: srtp, key: key)
    }

    /// Parses `offer` and answers it by our preference order; nil when it is not SDP or nothing matches.
    public static func answer(
        to offer: String, address: String, port: Int, codecs: [SDPCodec], telephoneEvent: UInt8? = 101,
        sessionID: UInt64 = SessionDescription.newSessionID(), version: UInt64 = 1,
        srtp: SRTPPolicy = .off, key: [UInt8] = []
    ) -> SDPAnswer? {
        guard let parsed = parse(offer) else { return nil }
        return answer(to: parsed, address: address, port: port, codecs: codecs,
                      telephoneEvent: telephoneEvent, sessionID: sessionID, version: version, srtp: srtp, key: key)
    }

    /// An offer for an outbound leg: the static codecs in preference order, telephone-event, sendrecv.
    /// SRTP as in the other `offer`.
    public static func offer(
        address: String, port: Int, codecs: [UInt8] = [0, 8], telephoneEvent: UInt8? = 101,
        direction: MediaDirection = .sendrecv,
        sessionID: UInt64 = SessionDescription.newSessionID(), version: UInt64 = 1,
        srtp: SRTPPolicy = .off, cryptos: [CryptoAttribute] = []
    ) -> String {
        offer(address: address, port: port, formats: codecs.compactMap(SDPCodec.staticCodec), telephoneEvent: telephoneEvent,
              direction: direction, sessionID: sessionID, version: version, srtp: srtp, cryptos: cryptos)
    }

    /// An offer for an outbound leg: `formats` in preference order under their own payload types
    /// (Opus 111), then telephone-event/8000 (what baresip and most phones offer beside Opus too).
    /// With `cryptos` (see `offeredCryptos`), SDES-SRTP: RTP/SAVP when `srtp` is `required`, else
    /// RTP/AVP with the crypto lines (best effort, as baresip's `mediaenc=srtp` and Linphone's
    /// optional SRTP accept); `off` or no lines: clear RTP/AVP.
    public static func offer(
        address: String, port: Int, formats: [SDPCodec], telephoneEvent: UInt8? = 101,
        direction: MediaDirection = .sendrecv,
        sessionID: UInt64 = SessionDescription.newSessionID(), version: UInt64 = 1,
        srtp: SRTPPolicy = .off, cryptos: [CryptoAttribute] = []
    ) -> String {
        var known: [SDPCodec] = []
        for codec in formats where !known.contains(where: { $0.payloadType == codec.payloadType }) && codec.payloadType != telephoneEvent {
            known.append(codec)
        }
        var lines = header(address: address, sessionID: sessionID, version: version)
        let numbers = known.map(\.payloadType) + (telephoneEvent.map { [$0] } ?? [])
        let cryptos = srtp == .off ? [] : cryptos
        let proto = srtp == .required && !cryptos.isEmpty ? "RTP/SAVP" : "RTP/AVP"
        lines.append("m=audio \(port) \(proto) \(numbers.map(String.init).joined(separator: " "))")
        for crypto in cryptos { lines.append("a=crypto:\(crypto.attributeValue)") }
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
}
