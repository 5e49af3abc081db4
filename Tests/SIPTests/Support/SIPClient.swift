import Foundation
import SIP
#if canImport(Glibc)
import Glibc
#endif

/// A bare SIP client over UDP for authentication tests: it sends requests we write by hand (so a
/// test can replay an Authorization, or send from 127.0.0.2 as another source) and reads the
/// final responses. Every wait is bounded.
final class SIPClient {
    let fd: Int32
    let localIP: String
    let localPort: UInt16
    let serverPort: UInt16
    private var branch = 0

    /// Binds a UDP socket on `localIP` (any 127.x.y.z is this machine) and talks to 127.0.0.1:serverPort.
    init(localIP: String = "127.0.0.1", serverPort: UInt16) throws {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        inet_pton(AF_INET, localIP, &address.sin_addr)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { close(fd); throw POSIXError(.EADDRNOTAVAIL) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(fd, $0, &length) }
        }
        self.fd = fd
        self.localIP = localIP
        self.localPort = UInt16(bigEndian: address.sin_port)
        self.serverPort = serverPort
    }

    deinit { close(fd) }

    var serverURI: String { "sip:127.0.0.1:\(serverPort)" }

    /// A REGISTER or INVITE for `user`, with a fresh Via branch each time.
    func request(_ method: String, uri: String? = nil, user: String, callID: String, cseq: Int,
                 authorization: String? = nil, contact: String? = nil, expires: Int? = 3600, sdp: String? = nil) -> String {
        branch += 1
        let to = method == "REGISTER" ? "<sip:\(user)@127.0.0.1>" : "<sip:2000@127.0.0.1>"
        var lines = [
            "\(method) \(uri ?? serverURI) SIP/2.0",
            "Via: SIP/2.0/UDP \(localIP):\(localPort);branch=z9hG4bK-\(callID)-\(branch);rport",
            "From: <sip:\(user)@127.0.0.1>;tag=\(callID)-tag",
            "To: \(to)",
            "Call-ID: \(callID)",
            "CSeq: \(cseq) \(method)",
            "Contact: \(contact ?? "<sip:\(user)@\(localIP):\(localPort)>")",
            "Max-Forwards: 70",
        ]
        if method == "REGISTER", let expires { lines.append("Expires: \(expires)") }
        if let authorization { lines.append("Authorization: \(authorization)") }
        if let sdp {
            lines += ["Content-Type: application/sdp", "Content-Length: \(sdp.utf8.count)"]
            return lines.joined(separator: "\r\n") + "\r\n\r\n" + sdp
        }
        lines.append("Content-Length: 0")
        return lines.joined(separator: "\r\n") + "\r\n\r\n"
    }

    /// ACK (for a 2xx: a new transaction to the Contact) and BYE for a call `invite` set up.
    func hangUp(_ invite: String, answered: SIPResponse) async -> SIPResponse? {
        let request = SIPResponse(text: invite)
        guard let from = request.header("From"), let to = answered.header("To"), let callID = request.header("Call-ID"),
              let cseq = request.header("CSeq")?.split(separator: " ").first.flatMap({ Int($0) })
        else { return nil }
        let target = answered.header("Contact").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "<>")) } ?? serverURI
        func inDialog(_ method: String, _ number: Int) -> String {
            branch += 1
            return ["\(method) \(target) SIP/2.0", "Via: SIP/2.0/UDP \(localIP):\(localPort);branch=z9hG4bK-\(callID)-\(branch);rport",
                    "From: \(from)", "To: \(to)", "Call-ID: \(callID)", "CSeq: \(number) \(method)", "Max-Forwards: 70",
                    "Content-Length: 0"].joined(separator: "\r\n") + "\r\n\r\n"
        }
        send(inDialog("ACK", cseq))
        return await exchange(inDialog("BYE", cseq + 1))
    }

    /// The Authorization value a phone computes from `challenge` (qop=auth).
    static func authorization(challenge: String, user: String, password: String, method: String, uri: String,
                              nc: Int = 1) -> String? {
        guard let nonce = SIPResponse.parameter("nonce", in: challenge) else { return nil }
        let count = String(format: "%08x", nc)
        let ha1 = DigestAuth.ha1(user: user, realm: "callgate", password: password)
        guard let response = DigestAuth.response(ha1: ha1, nonce: nonce, nc: count, cnonce: "0a4f113b", qop: "auth",
                                                 method: method, uri: uri) else { return nil }
        return "Digest username=\"\(user)\", realm=\"callgate\", nonce=\"\(nonce)\", uri=\"\(uri)\", "
            + "response=\"\(response)\", algorithm=MD5, qop=auth, nc=\(count), cnonce=\"0a4f113b\""
    }

    func send(_ message: String) {
        var server = FreePort.loopback(serverPort)
        let bytes = Array(message.utf8)
        _ = bytes.withUnsafeBytes { raw in
            withUnsafePointer(to: &server) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd, raw.baseAddress, raw.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
    }

    /// Sends `message` and waits (bounded) for its final response: the first non-1xx response
    /// whose Call-ID and CSeq are the request's.
    func exchange(_ message: String, seconds: Double = 5) async -> SIPResponse? {
        let request = SIPResponse(text: message)
        send(message)
        let deadline = ContinuousClock.now + .seconds(seconds)
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while ContinuousClock.now < deadline {
            let received = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            if received > 0 {
                let response = SIPResponse(text: String(decoding: buffer[..<received], as: UTF8.self))
                if response.status >= 200, response.header("Call-ID") == request.header("Call-ID"),
                   response.header("CSeq") == request.header("CSeq") {
                    if request.header("CSeq")?.hasSuffix("INVITE") == true, response.status >= 300 {
                        acknowledge(request, response)
                    }
                    return response
                }
                continue
            }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return nil
    }

    /// ACK for a failed INVITE (same transaction), so Sofia stops resending its final response.
    private func acknowledge(_ request: SIPResponse, _ response: SIPResponse) {
        guard let via = request.header("Via"), let from = request.header("From"), let to = response.header("To"),
              let callID = request.header("Call-ID"), let cseq = request.header("CSeq")?.split(separator: " ").first
        else { return }
        let requestLine = request.startLine.replacingOccurrences(of: "INVITE ", with: "ACK ")
        send([requestLine, "Via: \(via)", "From: \(from)", "To: \(to)", "Call-ID: \(callID)", "CSeq: \(cseq) ACK",
              "Max-Forwards: 70", "Content-Length: 0"].joined(separator: "\r\n") + "\r\n\r\n")
    }
}

/// A SIP message as text: its first line and headers (compact forms not expanded).
struct SIPResponse {
    let startLine: String
    let headers: [(name: String, value: String)]

    init(text: String) {
        let head = text.components(separatedBy: "\r\n\r\n").first ?? text
        let lines = head.components(separatedBy: "\r\n")
        startLine = lines.first ?? ""
        headers = lines.dropFirst().compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]).trimmingCharacters(in: .whitespaces),
                    String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
        }
    }

    /// The status code of a response; 0 for a request.
    var status: Int {
        guard startLine.hasPrefix("SIP/2.0 ") else { return 0 }
        return Int(startLine.dropFirst(8).prefix(3)) ?? 0
    }

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    static func parameter(_ name: String, in challenge: String) -> String? {
        guard let range = challenge.range(of: "\(name)=\"") else { return nil }
        let rest = challenge[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
}
