#if canImport(Glibc)
import Glibc
#endif
import SystemPackage

/// A non-blocking IPv4 UDP socket: bind, send a datagram, receive one. The fd is owned by whoever
/// holds the value and closed with `close()`; the media thread owns the sockets of open legs.
struct UDPSocket: Sendable {
    let fd: Int32

    /// Binds a new socket. No SO_REUSEADDR: on UDP it would let us share a port another process uses.
    /// - Throws: the errno (EADDRINUSE for a taken port).
    static func bind(_ address: SocketAddress) throws(Errno) -> UDPSocket {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw Errno(rawValue: errno) }
        var storage = address.sockaddr
        let result = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let error = Errno(rawValue: errno)
            Glibc.close(fd)
            throw error
        }
        return UDPSocket(fd: fd)
    }

    /// The port the kernel gave us (for a socket bound to port 0).
    var localPort: UInt16 {
        var storage = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return UInt16(bigEndian: storage.sin_port)
    }

    /// Sends one datagram; returns false when it was dropped (full buffer, unreachable remote),
    /// which for real-time audio is better than waiting.
    @discardableResult
    func send(_ bytes: [UInt8], to destination: SocketAddress) -> Bool {
        var storage = destination.sockaddr
        let sent = bytes.withUnsafeBytes { buffer in
            withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd, buffer.baseAddress, buffer.count, Int32(MSG_DONTWAIT), $0,
                           socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
        return sent == bytes.count
    }

    /// Receives one datagram into `buffer`; nil when none is waiting.
    func receive(into buffer: inout [UInt8]) -> (count: Int, source: SocketAddress)? {
        var storage = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let count = buffer.withUnsafeMutableBytes { raw in
            withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    recvfrom(fd, raw.baseAddress, raw.count, Int32(MSG_DONTWAIT), $0, &length)
                }
            }
        }
        guard count >= 0 else { return nil }
        return (count, SocketAddress(storage))
    }

    func close() {
        Glibc.close(fd)
    }
}
