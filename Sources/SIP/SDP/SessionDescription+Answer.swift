/// The result of answering an offer: our SDP plus what the media side needs to send RTP.
public struct SDPAnswer: Sendable, Hashable {
    /// The answer body to pass to `SIPStack.answer`/`progress`/`acceptReinvite`.
    public var sdp: String
    /// The chosen audio payload type (the offer's number for it).
    public var codec: UInt8
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
    /// Answers `offer` with one G.711 codec: the first offered one that is in `supported`
    /// (static payload types, 0 = PCMU, 8 = PCMA). Other streams are refused with port 0.
    /// telephone-event is answered only if offered, under the offer's payload type.
    /// Returns nil when there is no RTP/AVP audio stream or no common codec: reject with 488.
    ///
    /// SDES-SRTP (RFC 4568) follows `srtp`: `off` answers only RTP/AVP, in clear; `optional` answers
    /// a stream with a usable `a=crypto` line (RTP/SAVP, or RTP/AVP as best effort) with crypto, and
    /// a clear one in clear; `required` answers only a stream with a usable crypto line, and nil (488)
    /// otherwise. With crypto we answer the offer's first usable line under its tag with `key`
    /// (30 bytes of key||salt, fresh per leg), and `crypto` tells the media both keys.
    public static func answer(
        to offer: SessionDescription, address: String, port: Int,
        supported: [UInt8] = [0, 8], telephoneEvent: UInt8? = 101,
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
        guard let codec = audio.payloadTypes.first(where: { pt in supported.contains { audio.payloadType(pt, is: $0) } }),
              let staticCodec = supported.first(where: { audio.payloadType(codec, is: $0) }),
              let remoteAddress = audio.connectionAddress ?? offer.connectionAddress
        else { return nil }

        let event = telephoneEvent == nil ? nil : audio.telephoneEventPayloadType
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
            lines.append("a=rtpmap:\(codec) \(RTPMap.staticNames[staticCodec] ?? "PCMU")/8000")
            if let event {
                lines.append("a=rtpmap:\(event) telephone-event/8000")
                lines.append("a=fmtp:\(event) 0-16")
            }
            lines.append("a=ptime:\(ptime)")
            lines.append("a=\(direction.rawValue)")
        }
        let crypto = offeredCrypto.map { NegotiatedCrypto(suite: $0.suite, localKey: key, remoteKey: $0.keySalt) }
        return SDPAnswer(sdp: lines.joined(separator: "\r\n") + "\r\n", codec: codec,
                         remoteAddress: remoteAddress, remotePort: audio.port,
                         telephoneEventPT: event, direction: direction, ptime: ptime, crypto: crypto)
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

    /// An offer for an outbound leg: the codecs in preference order, telephone-event, sendrecv.
    /// With `cryptos` (see `offeredCryptos`), SDES-SRTP: RTP/SAVP when `srtp` is `required`, else
    /// RTP/AVP with the crypto lines (best effort, as baresip's `mediaenc=srtp` and Linphone's
    /// optional SRTP accept); `off` or no lines: clear RTP/AVP.
    public static func offer(
        address: String, port: Int, codecs: [UInt8] = [0, 8], telephoneEvent: UInt8? = 101,
        direction: MediaDirection = .sendrecv,
        sessionID: UInt64 = SessionDescription.newSessionID(), version: UInt64 = 1,
        srtp: SRTPPolicy = .off, cryptos: [CryptoAttribute] = []
    ) -> String {
        let known = codecs.filter { RTPMap.staticNames[$0] != nil }
        var lines = header(address: address, sessionID: sessionID, version: version)
        let formats = known + (telephoneEvent.map { [$0] } ?? [])
        let cryptos = srtp == .off ? [] : cryptos
        let proto = srtp == .required && !cryptos.isEmpty ? "RTP/SAVP" : "RTP/AVP"
        lines.append("m=audio \(port) \(proto) \(formats.map(String.init).joined(separator: " "))")
        for crypto in cryptos { lines.append("a=crypto:\(crypto.attributeValue)") }
        for pt in known { lines.append("a=rtpmap:\(pt) \(RTPMap.staticNames[pt] ?? "PCMU")/8000") }
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
