#if canImport(Glibc)
import Glibc
#endif

/// An IPv4 address and UDP port, in the form the socket calls take. IPv4 only for now: SDP on the
/// call-center networks we target is IPv4, and the engine binds one IPv4 address.
struct SocketAddress: Sendable, Hashable, CustomStringConvertible {
    /// Network byte order, as in `sockaddr_in`.
    var address: UInt32
    var port: UInt16

    /// Parses a dotted-quad literal; host names are not resolved here (SDP carries addresses).
    init(host: String, port: UInt16) throws(MediaError) {
        var parsed = in_addr()
        guard inet_pton(AF_INET, host, &parsed) == 1 else { throw .invalidAddress(host) }
        address = parsed.s_addr
        self.port = port
    }

    init(_ storage: sockaddr_in) {
        address = storage.sin_addr.s_addr
        port = UInt16(bigEndian: storage.sin_port)
    }

    var sockaddr: sockaddr_in {
        var storage = sockaddr_in()
        storage.sin_family = sa_family_t(AF_INET)
        storage.sin_port = port.bigEndian
        storage.sin_addr.s_addr = address
        return storage
    }

    var host: String {
        var raw = in_addr(s_addr: address)
        var buffer = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
        inet_ntop(AF_INET, &raw, &buffer, socklen_t(buffer.count))
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    var description: String { "\(host):\(port)" }
}
