#if canImport(Glibc)
import Glibc
#endif

/// Finds the TCP connections peers opened to our SIP port among this process's sockets, with
/// the kernel's TCP_INFO timings, and shuts one down on request. `shutdown(2)`, never `close(2)`:
/// the descriptor stays Sofia's, which sees end of file on its next poll and closes its
/// transport itself.
///
/// - warning: Linux only (`/proc/self/fd`, TCP_INFO). Call it on the Sofia thread: only Sofia
///   closes Sofia's descriptors, so between the scan and the `shutdown` none of them can be closed
///   and reused by another part of the engine (the media thread, the HTTP server), and the
///   descriptor shut down is the connection that was judged.
struct TCPConnectionScanner {
    let port: UInt16

    func connections() -> [TCPConnectionPolicy.Connection] {
        guard let directory = opendir("/proc/self/fd") else { return [] }
        defer { closedir(directory) }
        var found: [TCPConnectionPolicy.Connection] = []
        while let entry = readdir(directory) {
            // The name in place, up to its NUL: a record is only as long as its name, so copying
            // the whole `dirent` (`entry.pointee`) would read past the last record of readdir's
            // buffer (it did, with a few thousand descriptors open, and the engine died of it).
            let name = String(cString: UnsafeRawPointer(entry).advanced(by: Self.nameOffset).assumingMemoryBound(to: CChar.self))
            guard let fd = Int32(name), let connection = inspect(fd) else { continue }
            found.append(connection)
        }
        return found
    }

    private static let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name) ?? 19

    /// Cuts the connection both ways; Sofia closes its side when it next polls.
    func shutDown(_ fd: Int32) {
        _ = Glibc.shutdown(fd, Int32(SHUT_RDWR))
    }

    private func inspect(_ fd: Int32) -> TCPConnectionPolicy.Connection? {
        var type: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &length) == 0, type == Int32(SOCK_STREAM.rawValue) else { return nil }
        var listening: Int32 = 0
        length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &length) == 0, listening == 0 else { return nil }
        var local = sockaddr_storage()
        var peer = sockaddr_storage()
        guard Self.address(of: fd, &local, getsockname)?.port == port,
              let source = Self.address(of: fd, &peer, getpeername) else { return nil }
        var info = tcp_info()
        length = socklen_t(MemoryLayout<tcp_info>.size)
        guard getsockopt(fd, Int32(IPPROTO_TCP), TCP_INFO, &info, &length) == 0 else { return nil }
        return .init(fd: fd, source: source.host, sinceReceive: UInt64(info.tcpi_last_data_recv),
                     sinceSend: UInt64(info.tcpi_last_data_sent))
    }

    private typealias NameFunction = (Int32, UnsafeMutablePointer<sockaddr>, UnsafeMutablePointer<socklen_t>) -> Int32

    private static func address(of fd: Int32, _ storage: inout sockaddr_storage, _ get: NameFunction) -> (host: String, port: UInt16)? {
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let ok = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { get(fd, $0, &length) == 0 }
        }
        guard ok else { return nil }
        var host = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { a -> (String, UInt16)? in
                    var addr = a.pointee.sin_addr
                    guard inet_ntop(AF_INET, &addr, &host, socklen_t(host.count)) != nil else { return nil }
                    return (String(cString: host), UInt16(bigEndian: a.pointee.sin_port))
                }
            }
        case AF_INET6:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { a -> (String, UInt16)? in
                    var addr = a.pointee.sin6_addr
                    guard inet_ntop(AF_INET6, &addr, &host, socklen_t(host.count)) != nil else { return nil }
                    return (String(cString: host), UInt16(bigEndian: a.pointee.sin6_port))
                }
            }
        default:
            return nil
        }
    }
}
