import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A bare SIP client over UDP for hostile-input tests: it sends whatever text it is given (so a
/// header can carry any number at all), reads the responses, and ACKs a final non-2xx answer to an
/// INVITE so that the engine's transaction can end at once.
final class RawSIP: @unchecked Sendable {
    let fd: Int32
    let localPort: Int
    let enginePort: Int

    init(enginePort: Int) throws {
        self.enginePort = enginePort
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        self.fd = fd
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { close(fd); throw POSIXError(.EADDRINUSE) }
        localPort = Int(UInt16(bigEndian: address.sin_port))
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var size: Int32 = 4 << 20
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit { close(fd) }

    /// A request as a phone would send it; `override` replaces a header's value (or adds the header),
    /// `drop` leaves headers out.
    func request(_ method: String, user: String = "5000", from: String = "666", callID: String = RawSIP.newCallID(),
                 override: [String: String] = [:], extra: [String] = [], body: String = "",
                 contentType: String = "application/sdp") -> (text: String, callID: String) {
        var headers: [(String, String)] = [
            ("Via", "SIP/2.0/UDP 127.0.0.1:\(localPort);branch=z9hG4bK-\(UInt32.random(in: 0...UInt32.max));rport"),
            ("From", "<sip:\(from)@127.0.0.1:\(localPort)>;tag=t\(UInt32.random(in: 0...UInt32.max))"),
            ("To", "<sip:\(user)@127.0.0.1:\(enginePort)>"),
            ("Call-ID", callID),
            ("CSeq", "1 \(method)"),
            ("Contact", "<sip:\(from)@127.0.0.1:\(localPort)>"),
            ("Max-Forwards", "70"),
        ]
        if !body.isEmpty { headers.append(("Content-Type", contentType)) }
        for (name, value) in override.sorted(by: { $0.key < $1.key }) {
            if let index = headers.firstIndex(where: { $0.0 == name }) { headers[index].1 = value } else { headers.append((name, value)) }
        }
        let length = override["Content-Length"] ?? String(body.utf8.count)
        var text = "\(method) sip:\(user)@127.0.0.1:\(enginePort) SIP/2.0\r\n"
        for (name, value) in headers where name != "Content-Length" { text += "\(name): \(value)\r\n" }
        for line in extra { text += line + "\r\n" }
        text += "Content-Length: \(length)\r\n\r\n" + body
        return (text, callID)
    }

    func send(_ text: String) {
        send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) {
        var to = sockaddr_in()
        to.sin_family = sa_family_t(AF_INET)
        to.sin_addr.s_addr = inet_addr("127.0.0.1")
        to.sin_port = UInt16(enginePort).bigEndian
        _ = withUnsafePointer(to: &to) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                sendto(fd, bytes, bytes.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
    }

    /// One datagram, or nil after the socket's short receive timeout.
    func receive() -> String? {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = recv(fd, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        return String(decoding: buffer.prefix(count), as: UTF8.self)
    }

    /// Sends a request and returns the final status of its answer (nil if none came within the
    /// bound). A final non-2xx answer to an INVITE is ACKed; a 2xx is ACKed and ended with BYE.
    func exchange(_ request: (text: String, callID: String), within seconds: Double = 10) -> (status: Int, response: String)? {
        send(request.text)
        return awaitFinal(for: request, within: seconds)
    }

    func awaitFinal(for request: (text: String, callID: String), within seconds: Double) -> (status: Int, response: String)? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            guard let response = receive() else { continue }
            guard Self.header("Call-ID", in: response) == request.callID, let status = Self.status(response), status >= 200 else { continue }
            if request.text.hasPrefix("INVITE ") { acknowledge(request.text, response: response, status: status) }
            return (status, response)
        }
        return nil
    }

    /// ACK for a final answer to `invite` (RFC 3261 §17.1.1.3 for non-2xx), and BYE after a 2xx.
    func acknowledge(_ invite: String, response: String, status: Int) {
        guard let to = Self.header("To", in: response), let from = Self.header("From", in: invite),
              let via = Self.header("Via", in: invite), let callID = Self.header("Call-ID", in: invite) else { return }
        let target = "sip:5000@127.0.0.1:\(enginePort)"
        func message(_ method: String, cseq: Int, via: String) -> String {
            "\(method) \(target) SIP/2.0\r\nVia: \(via)\r\nFrom: \(from)\r\nTo: \(to)\r\nCall-ID: \(callID)\r\n"
                + "CSeq: \(cseq) \(method)\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n"
        }
        if status >= 300 {
            send(message("ACK", cseq: 1, via: via))
        } else {
            let fresh = "SIP/2.0/UDP 127.0.0.1:\(localPort);branch=z9hG4bK-\(UInt32.random(in: 0...UInt32.max))"
            send(message("ACK", cseq: 1, via: fresh))
            send(message("BYE", cseq: 2, via: "SIP/2.0/UDP 127.0.0.1:\(localPort);branch=z9hG4bK-\(UInt32.random(in: 0...UInt32.max))"))
        }
    }

    /// OPTIONS answered 200: the engine's SIP front is alive.
    func optionsAnswered() -> Bool {
        exchange(request("OPTIONS", body: ""), within: 5)?.status == 200
    }

    static func newCallID() -> String { "hostile-\(UUID().uuidString)" }

    static func status(_ response: String) -> Int? {
        guard response.hasPrefix("SIP/2.0 ") else { return nil }
        return Int(response.dropFirst(8).prefix(3))
    }

    static func header(_ name: String, in message: String) -> String? {
        for line in message.components(separatedBy: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            if line[..<colon].trimmingCharacters(in: .whitespaces).lowercased() == name.lowercased() {
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    /// An SDP offer from this client with the given `m=` line and extra lines.
    static func sdp(media: String = "m=audio 4000 RTP/AVP 0 101", connection: String = "c=IN IP4 127.0.0.1",
                    lines: [String] = ["a=rtpmap:0 PCMU/8000", "a=rtpmap:101 telephone-event/8000"]) -> String {
        (["v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=-", connection, "t=0 0", media] + lines).joined(separator: "\r\n") + "\r\n"
    }
}

/// A TCP connection to the engine's SIP port, for oversized messages, slow senders and idle floods.
final class RawTCP: @unchecked Sendable {
    let fd: Int32

    init?(port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        self.fd = fd
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard connected else { close(fd); return nil }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    private var isClosed = false
    private var inbox: [UInt8] = []

    deinit { closeNow() }

    func closeNow() {
        guard !isClosed else { return }
        isClosed = true
        close(fd)
    }

    /// Everything received so far (without waiting).
    func received() -> String {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
        if count > 0 { inbox += buffer.prefix(count) }
        return String(decoding: inbox, as: UTF8.self)
    }

    /// Writes what the peer takes; false once the connection is gone.
    @discardableResult
    func write(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }

    /// Whether the engine has closed the connection: a read sees end of file or a reset. Waits
    /// up to `timeoutMilliseconds` for something to read (whatever arrives is drained).
    func closedByPeer(timeoutMilliseconds: Int32 = 100) -> Bool {
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&pfd, 1, timeoutMilliseconds) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
        return count == 0 || (count < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
    }
}
