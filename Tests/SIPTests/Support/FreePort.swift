import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Ports for one test, chosen by binding port 0 so parallel runs on a shared machine do not collide.
enum FreePort {
    enum Kind {
        case udp, tcp
        var socketType: Int32 { Int32(self == .udp ? SOCK_DGRAM.rawValue : SOCK_STREAM.rawValue) }
    }

    /// A port free for both UDP and TCP on 127.0.0.1 (Sofia binds both).
    static func udpAndTCP() -> UInt16 {
        for _ in 0..<100 {
            if let port = bindAny(.udp), isFree(port, .tcp) { return port }
        }
        fatalError("no free port on 127.0.0.1")
    }

    /// An even UDP port p with p+2 free as well (SIPp binds its media port and media port + 2).
    static func mediaPair() -> UInt16 {
        for _ in 0..<100 {
            if let port = bindAny(.udp), port < 65_000, port % 2 == 0, isFree(port + 2, .udp) { return port }
        }
        fatalError("no free media ports on 127.0.0.1")
    }

    static func udp() -> UInt16 {
        for _ in 0..<100 { if let port = bindAny(.udp) { return port } }
        fatalError("no free UDP port on 127.0.0.1")
    }

    static func tcp() -> UInt16 {
        for _ in 0..<100 { if let port = bindAny(.tcp) { return port } }
        fatalError("no free TCP port on 127.0.0.1")
    }

    static func isFree(_ port: UInt16, _ kind: Kind) -> Bool {
        let fd = socket(AF_INET, kind.socketType, 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopback(port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    private static func bindAny(_ kind: Kind) -> UInt16? {
        let fd = socket(AF_INET, kind.socketType, 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var address = loopback(0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard bound else { return nil }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        guard withUnsafeMutablePointer(to: &address, {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) == 0 }
        }) else { return nil }
        return UInt16(bigEndian: address.sin_port)
    }

    static func loopback(_ port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}
