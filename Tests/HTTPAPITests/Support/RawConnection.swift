import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A bare TCP connection to the API on loopback: for what an HTTP client library hides (a
/// connection that sends nothing, half a request, the exact bytes of a refusal).
final class RawConnection: @unchecked Sendable {
    private let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket: \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(fd)
            throw TestFailure("connect: \(errno)")
        }
    }

    deinit { close(fd) }

    func send(_ text: String) {
        _ = text.withCString { Glibc.send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
    }

    /// What arrived until the peer closed or `timeout` passed, whichever came first, and which.
    /// With `until`, stops as soon as the text received contains it.
    func read(timeout: Duration, until marker: String? = nil) async -> (text: String, closed: Bool) {
        await withCheckedContinuation { continuation in
            let thread = Thread { [fd] in
                let deadline = ContinuousClock.now + timeout
                var bytes: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 4096)
                while true {
                    let left = ContinuousClock.now.duration(to: deadline)
                    let ms = Int32(max(0, left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
                    var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                    guard ms > 0, poll(&poller, 1, ms) > 0 else { break }
                    let n = recv(fd, &buffer, buffer.count, 0)
                    if n <= 0 {
                        continuation.resume(returning: (String(decoding: bytes, as: UTF8.self), true))
                        return
                    }
                    bytes += buffer[0..<n]
                    if let marker, String(decoding: bytes, as: UTF8.self).contains(marker) { break }
                }
                continuation.resume(returning: (String(decoding: bytes, as: UTF8.self), false))
            }
            thread.start()
        }
    }
}
