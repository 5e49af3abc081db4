#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `host:port` address to listen on or send to; IPv6 hosts are written in brackets: `[::1]:5060`.
public struct HostPort: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `host:port`; nil when either part is missing or the port is not 1–65535.
    public init?(parsing text: String) {
        let host: Substring
        let port: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            port = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":"), !text[..<colon].contains(":") else { return nil }
            host = text[..<colon]
            port = text[text.index(after: colon)...]
        }
        guard !host.isEmpty, !host.contains(where: \.isWhitespace), port.allSatisfy({ $0.isASCII && $0.isNumber }),
            let number = Int(port), (1...65535).contains(number)
        else { return nil }
        self.init(host: String(host), port: number)
    }

    /// True for 0.0.0.0 and ::, which accept on every interface but cannot be dialed.
    public var isWildcard: Bool { Self.isWildcard(host) }

    /// True for 127.0.0.0/8, ::1 and localhost: reachable from this machine only.
    public var isLoopback: Bool { Self.isLoopback(host) }

    /// Decided on the parsed address, never on a prefix of the text: `127.evil.com` is a name
    /// that resolves anywhere, so only a literal 127.0.0.0/8 or ::1 (also as ::ffff:127.x.y.z),
    /// or the name `localhost` itself, count as loopback.
    public static func isLoopback(_ host: String) -> Bool {
        let name = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if name.lowercased() == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, name, &v4) == 1 { return UInt32(bigEndian: v4.s_addr) >> 24 == 127 }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, name, &v6) == 1 else { return false }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        if bytes == Array(repeating: 0, count: 15) + [1] { return true }
        return bytes[0..<12].elementsEqual(Array(repeating: 0, count: 10) + [0xFF, 0xFF]) && bytes[12] == 127
    }

    static func isWildcard(_ host: String) -> Bool { host == "0.0.0.0" || host == "::" || host == "[::]" }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
