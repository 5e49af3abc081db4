extension SessionDescription {
    /// Parses an SDP body. Lenient about line endings (CRLF, LF; note "\r\n" is one Character) and unknown lines; nil when the text is not
    /// SDP at all (no `v=` line) or an `m=` line is malformed.
    public static func parse(_ text: String) -> SessionDescription? {
        var result = SessionDescription()
        var sawVersion = false
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingSpaces()
            guard line.count >= 2, line.dropFirst().first == "=" else { continue }
            guard let kind = line.first else { continue }
            let value = String(line.dropFirst(2))
            switch kind {
            case "v":
                sawVersion = true
            case "o":
                let parts = value.split(separator: " ")
                if parts.count >= 3 {
                    result.sessionID = String(parts[1])
                    result.sessionVersion = String(parts[2])
                }
            case "c":
                let address = parseConnection(value)
                if result.media.isEmpty { result.connectionAddress = address }
                else { result.media[result.media.count - 1].connectionAddress = address }
            case "m":
                guard let media = parseMedia(value) else { return nil }
                result.media.append(media)
            case "a":
                if result.media.isEmpty {
                    if let direction = MediaDirection(rawValue: value) { result.sessionDirection = direction }
                } else {
                    applyAttribute(value, to: &result.media[result.media.count - 1])
                }
            default:
                continue
            }
        }
        return sawVersion ? result : nil
    }

    /// `IN IP4 192.0.2.1` (or `IN IP4 224.2.1.1/127`) -> `192.0.2.1`.
    private static func parseConnection(_ value: String) -> String? {
        let parts = value.split(separator: " ")
        guard parts.count >= 3 else { return nil }
        return String(parts[2].split(separator: "/").first ?? parts[2])
    }

    /// `audio 49170 RTP/AVP 0 8 101` (a port may carry `/count`).
    private static func parseMedia(_ value: String) -> Media? {
        let parts = value.split(separator: " ").map(String.init)
        guard parts.count >= 3, let port = UInt16(parts[1].split(separator: "/").first ?? "") else { return nil }
        return Media(type: parts[0], port: port, proto: parts[2], formats: Array(parts.dropFirst(3)),
                     connectionAddress: nil, rtpmaps: [:], fmtps: [:], direction: nil, ptime: nil)
    }

    private static func applyAttribute(_ value: String, to media: inout Media) {
        if let direction = MediaDirection(rawValue: value) {
            media.direction = direction
            return
        }
        guard let colon = value.firstIndex(of: ":") else { return }
        let name = value[..<colon]
        let rest = value[value.index(after: colon)...]
        switch name {
        case "rtpmap":
            let fields = rest.split(separator: " ", maxSplits: 1)
            guard fields.count == 2, let pt = payloadType(fields[0]) else { return }
            let codec = fields[1].split(separator: "/")
            // A clock rate is positive and fits in RTP's 32-bit timestamp arithmetic; channels likewise small.
            guard codec.count >= 2, let rate = Int(codec[1]), (1...1_000_000).contains(rate) else { return }
            let channels = codec.count > 2 ? Int(codec[2]).flatMap { (1...255).contains($0) ? $0 : nil } : nil
            media.rtpmaps[pt] = RTPMap(encoding: String(codec[0]), clockRate: rate, channels: channels)
        case "fmtp":
            let fields = rest.split(separator: " ", maxSplits: 1)
            guard fields.count == 2, let pt = payloadType(fields[0]) else { return }
            media.fmtps[pt] = String(fields[1])
        case "crypto":
            if let crypto = CryptoAttribute(attributeValue: rest) { media.cryptos.append(crypto) }
        case "ptime":
            // RFC 4566 ptime in ms; only sane packet times are kept (we send 20 ms anyway).
            media.ptime = Int(rest.trimmingSpaces()).flatMap { (1...1000).contains($0) ? $0 : nil }
        default:
            return
        }
    }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return String(s)
    }
}
