/// An IPv4 network such as `10.0.0.0/8`, for `sip.local_networks`. Pure.
public struct IPv4Network: Sendable, Hashable, CustomStringConvertible {
    public let address: UInt32
    public let prefixLength: Int

    /// Parses `a.b.c.d/n` (or a bare address, a /32); nil when it is not one.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let address = Self.parse(String(parts[0])) else { return nil }
        var length = 32
        if parts.count == 2 {
            guard let n = Int(parts[1]), (0...32).contains(n) else { return nil }
            length = n
        }
        self.prefixLength = length
        self.address = address & Self.mask(length)
    }

    /// Whether `host` (a dotted-quad literal) lies in this network; a name or IPv6 address never does.
    public func contains(_ host: String) -> Bool {
        guard let value = Self.parse(host) else { return false }
        return value & Self.mask(prefixLength) == address
    }

    public var description: String {
        let bytes = [24, 16, 8, 0].map { String((address >> UInt32($0)) & 0xFF) }
        return bytes.joined(separator: ".") + "/\(prefixLength)"
    }

    static func mask(_ length: Int) -> UInt32 { length == 0 ? 0 : UInt32.max << UInt32(32 - length) }

    static func parse(_ text: String) -> UInt32? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var value: UInt32 = 0
        for octet in octets {
            guard octet.count <= 3, octet.allSatisfy(\.isASCII), let byte = UInt8(octet) else { return nil }
            value = value << 8 | UInt32(byte)
        }
        return value
    }
}
