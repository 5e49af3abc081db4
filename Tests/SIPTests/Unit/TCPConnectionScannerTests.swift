import Foundation
import Testing
@testable import SIP

#if canImport(Glibc)
import Glibc
#endif

/// The scan of /proc/self/fd with thousands of descriptors open, as under load (two RTP sockets
/// a call): it once copied whole `dirent` records and read past readdir's buffer, killing the
/// engine during the media benchmark's 1,500 calls.
@Suite(.serialized) struct TCPConnectionScannerTests {
    @Test func aScanAmongThousandsOfDescriptorsFindsTheConnectionToOurPort() throws {
        // A listening TCP socket on a free port, and one connection to it.
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, length) == 0 && listen(listener, 4) == 0 && getsockname(listener, $0, &length) == 0
            }
        }
        #expect(bound)
        let port = UInt16(bigEndian: address.sin_port)
        let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(client) }
        let connected = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(client, $0, length) == 0 }
        }
        #expect(connected)
        let accepted = accept(listener, nil, nil)
        defer { close(accepted) }

        // Thousands of other descriptors, like the RTP sockets of a busy engine.
        var others: [Int32] = []
        defer { others.forEach { close($0) } }
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        let wanted = min(4_000, Int(limit.rlim_cur) - 200)
        while others.count < wanted {
            let fd = open("/dev/null", O_RDONLY)
            guard fd >= 0 else { break }
            others.append(fd)
        }
        #expect(others.count > 1_000, "enough descriptors to span several readdir buffers")

        let scanner = TCPConnectionScanner(port: port)
        for _ in 0..<20 {
            let found = scanner.connections()
            #expect(found.map(\.fd) == [accepted], "exactly the accepted connection to our port")
        }
    }
}
