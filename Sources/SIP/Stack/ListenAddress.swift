/// "host:port" (or "[v6]:port") as given in `SIPSettings.listen`. Pure.
struct ListenAddress: Equatable {
    var host: String
    var port: UInt16

    init(host: String, port: UInt16) {
        self.host = host
        self.port = port
    }

    init?(_ text: String) {
        let trimmed = text.trimmingSpaces()
        let hostPart: Substring
        let portPart: Substring
        if trimmed.hasPrefix("[") {
            guard let close = trimmed.firstIndex(of: "]") else { return nil }
            hostPart = trimmed[trimmed.index(after: trimmed.startIndex)..<close]
            let rest = trimmed[trimmed.index(after: close)...]
            guard rest.hasPrefix(":") else { return nil }
            portPart = rest.dropFirst()
        } else {
            guard let colon = trimmed.lastIndex(of: ":"), !trimmed[..<colon].contains(":") else { return nil }
            hostPart = trimmed[..<colon]
            portPart = trimmed[trimmed.index(after: colon)...]
        }
        guard !hostPart.isEmpty, let number = UInt16(portPart), number > 0 else { return nil }
        host = String(hostPart)
        port = number
    }

    /// The NUTAG_URL that binds UDP and TCP here and advertises `publicHost` in Contact:
    /// `sip:public:port;maddr=listen` when they differ (Sofia binds to maddr).
    func bindURL(publicHost: String) -> String {
        let bindHost = (host == "0.0.0.0" || host == "*") ? "*" : bracketed(host)
        let advertised = publicHost.isEmpty ? nil : bracketed(publicHost)
        guard let advertised, advertised != bindHost else { return "sip:\(bindHost):\(port)" }
        return "sip:\(advertised):\(port);maddr=\(bindHost == "*" ? "0.0.0.0" : bindHost)"
    }

    private func bracketed(_ h: String) -> String { h.contains(":") && !h.hasPrefix("[") ? "[\(h)]" : h }
}
