import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// An operator's phone written in raw SIP, for what baresip 1.0 cannot do: an attended transfer
/// (REFER whose Refer-To carries `?Replaces=`). It registers (digest), answers the engine's queue
/// offer, holds, places a consultation call, and REFERs. A thread answers whatever the engine
/// asks on its own (BYE, NOTIFY, OPTIONS: 200) and keeps every message for the test to read.
final class RawOperator: @unchecked Sendable {
    /// One dialog as this phone sees it.
    struct Dialog {
        var callID: String
        /// Our From/To header values in requests we send (our tag in `local`).
        var local: String
        var remote: String
        var localTag: String
        var remoteTag: String
        /// Where in-dialog requests go (the engine's Contact).
        var target: String
        var cseq: Int
    }

    let sip: RawSIP
    let user: String
    let password: String
    /// The media of the queue call and of the consultation call.
    let queueMedia: RTPPeer
    let consultationMedia: RTPPeer
    private let inbox = Mutex<[String]>([])
    private let offer = Mutex<Dialog?>(nil)
    private let running = Atomic<Bool>(true)
    private var thread: Thread?

    init(enginePort: Int, user: String = "1001", password: String = "demo1001") throws {
        sip = try RawSIP(enginePort: enginePort)
        self.user = user
        self.password = password
        queueMedia = try RTPPeer()
        consultationMedia = try RTPPeer()
        let thread = Thread { self.receiveLoop() }   // until stop()
        self.thread = thread
        thread.start()
    }

    func stop() {
        running.store(false, ordering: .relaxed)
        queueMedia.stop()
        consultationMedia.stop()
    }

    var contact: String { "<sip:\(user)@127.0.0.1:\(sip.localPort)>" }
    /// Every message received so far, oldest first.
    var received: [String] { inbox.withLock { $0 } }
    /// The queue call's dialog, once the engine's offer was answered.
    var queueCall: Dialog? { offer.withLock { $0 } }

    private func receiveLoop() {
        while running.load(ordering: .relaxed) {
            guard let message = sip.receive() else { continue }
            inbox.withLock { $0.append(message) }
            guard RawSIP.status(message) == nil, let method = message.split(separator: " ", maxSplits: 1).first.map(String.init) else { continue }
            switch method {
            case "INVITE": answerInvite(message)
            case "ACK": break
            default: sip.send(Self.response(to: message, status: 200))
            }
        }
    }

    /// The engine's queue offer: answered at once (200 with our SDP); a retransmission gets the same 200.
    private func answerInvite(_ invite: String) {
        guard let callID = RawSIP.header("Call-ID", in: invite), let from = RawSIP.header("From", in: invite),
              let to = RawSIP.header("To", in: invite) else { return }
        let known = offer.withLock { $0 }
        if let known, known.callID != callID {
            sip.send(Self.response(to: invite, status: 486))   // one queue call at a time
            return
        }
        let tag = known?.localTag ?? "op\(UInt32.random(in: 0...UInt32.max))"
        let localTo = to.contains(";tag=") ? to : to + ";tag=\(tag)"
        let sdp = RawSIP.sdp(media: "m=audio \(queueMedia.port) RTP/AVP 0 101")
        sip.send(Self.response(to: invite, status: 200, toTag: tag, extra: ["Contact: \(contact)", "Content-Type: application/sdp"], body: sdp))
        if known == nil {
            if let port = Self.audioPort(in: invite) { queueMedia.aim(atPort: port) }
            let target = RawSIP.header("Contact", in: invite).map(Self.uri(of:)) ?? "sip:127.0.0.1:\(sip.enginePort)"
            offer.withLock {
                $0 = Dialog(callID: callID, local: localTo, remote: from, localTag: tag, remoteTag: Self.tag(of: from) ?? "",
                            target: target, cseq: 100)
            }
        }
    }

    // MARK: Requests this phone sends

    /// REGISTER with digest authentication (one 401, then the answer).
    func register(within seconds: Double = 5) -> Bool {
        let callID = RawSIP.newCallID()
        let uri = "sip:127.0.0.1:\(sip.enginePort)"
        func request(cseq: Int, authorization: String?) -> (text: String, callID: String) {
            var text = "REGISTER \(uri) SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:\(sip.localPort);branch=\(Self.branch());rport\r\n"
            text += "From: <sip:\(user)@127.0.0.1:\(sip.enginePort)>;tag=r\(cseq)\r\nTo: <sip:\(user)@127.0.0.1:\(sip.enginePort)>\r\n"
            text += "Call-ID: \(callID)\r\nCSeq: \(cseq) REGISTER\r\nContact: \(contact)\r\nExpires: 300\r\nMax-Forwards: 70\r\n"
            if let authorization { text += "Authorization: \(authorization)\r\n" }
            return (text + "Content-Length: 0\r\n\r\n", callID)
        }
        let first = request(cseq: 1, authorization: nil)
        sip.send(first.text)
        guard let challenge = awaitFinal(callID: callID, cseq: 1, within: seconds), RawSIP.status(challenge) == 401,
              let authorization = authorization(challenge, method: "REGISTER", uri: uri) else { return false }
        sip.send(request(cseq: 2, authorization: authorization).text)
        return awaitFinal(callID: callID, cseq: 2, within: seconds).flatMap(RawSIP.status) == 200
    }

    /// The consultation call: INVITE to `colleague` (digest on the 401), ACK of the 200. Our
    /// view of the dialog, or nil when it was not answered within the bound.
    func call(_ colleague: String, within seconds: Double = 15) -> Dialog? {
        let callID = RawSIP.newCallID()
        let uri = "sip:\(colleague)@127.0.0.1:\(sip.enginePort)"
        let fromTag = "c\(UInt32.random(in: 0...UInt32.max))"
        let from = "<sip:\(user)@127.0.0.1:\(sip.enginePort)>;tag=\(fromTag)"
        let to = "<\(uri)>"
        let sdp = RawSIP.sdp(media: "m=audio \(consultationMedia.port) RTP/AVP 0 101")
        func invite(cseq: Int, authorization: String?) -> (text: String, via: String) {
            let via = "SIP/2.0/UDP 127.0.0.1:\(sip.localPort);branch=\(Self.branch());rport"
            var text = "INVITE \(uri) SIP/2.0\r\nVia: \(via)\r\nFrom: \(from)\r\nTo: \(to)\r\nCall-ID: \(callID)\r\n"
            text += "CSeq: \(cseq) INVITE\r\nContact: \(contact)\r\nMax-Forwards: 70\r\nContent-Type: application/sdp\r\n"
            if let authorization { text += "Authorization: \(authorization)\r\n" }
            return (text + "Content-Length: \(sdp.utf8.count)\r\n\r\n" + sdp, via)
        }
        let first = invite(cseq: 1, authorization: nil)
        sip.send(first.text)
        guard let challenge = awaitFinal(callID: callID, cseq: 1, within: 5), RawSIP.status(challenge) == 401,
              let challengeTo = RawSIP.header("To", in: challenge),
              let authorization = authorization(challenge, method: "INVITE", uri: uri) else { return nil }
        sip.send("ACK \(uri) SIP/2.0\r\nVia: \(first.via)\r\nFrom: \(from)\r\nTo: \(challengeTo)\r\nCall-ID: \(callID)\r\n"
                 + "CSeq: 1 ACK\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n")
        sip.send(invite(cseq: 2, authorization: authorization).text)
        guard let answer = awaitFinal(callID: callID, cseq: 2, within: seconds), RawSIP.status(answer) == 200,
              let answerTo = RawSIP.header("To", in: answer), let remoteTag = Self.tag(of: answerTo) else { return nil }
        if let port = Self.audioPort(in: answer) { consultationMedia.aim(atPort: port) }
        let target = RawSIP.header("Contact", in: answer).map(Self.uri(of:)) ?? uri
        var dialog = Dialog(callID: callID, local: from, remote: answerTo, localTag: fromTag, remoteTag: remoteTag, target: target, cseq: 2)
        send("ACK", in: &dialog, cseq: 2)
        return dialog
    }

    /// A request in `dialog` (next CSeq unless told); returns its CSeq.
    @discardableResult
    func send(_ method: String, in dialog: inout Dialog, cseq fixed: Int? = nil, headers: [String] = [], body: String = "",
              contentType: String = "application/sdp") -> Int {
        let cseq: Int
        if let fixed { cseq = fixed } else { dialog.cseq += 1; cseq = dialog.cseq }
        var text = "\(method) \(dialog.target) SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:\(sip.localPort);branch=\(Self.branch());rport\r\n"
        text += "From: \(dialog.local)\r\nTo: \(dialog.remote)\r\nCall-ID: \(dialog.callID)\r\nCSeq: \(cseq) \(method)\r\n"
        text += "Contact: \(contact)\r\nMax-Forwards: 70\r\n"
        for header in headers { text += header + "\r\n" }
        if !body.isEmpty { text += "Content-Type: \(contentType)\r\n" }
        sip.send(text + "Content-Length: \(body.utf8.count)\r\n\r\n" + body)
        return cseq
    }

    /// Holds (`sendonly`) or resumes (`sendrecv`) the queue call: re-INVITE, its 200, ACK.
    func hold(_ held: Bool, within seconds: Double = 5) -> Bool {
        guard var dialog = queueCall else { return false }
        let sdp = RawSIP.sdp(media: "m=audio \(queueMedia.port) RTP/AVP 0 101",
                             lines: ["a=rtpmap:0 PCMU/8000", "a=rtpmap:101 telephone-event/8000", held ? "a=sendonly" : "a=sendrecv"])
        let cseq = send("INVITE", in: &dialog, body: sdp)
        offer.withLock { $0?.cseq = dialog.cseq }
        guard awaitFinal(callID: dialog.callID, cseq: cseq, method: "INVITE", within: seconds).flatMap(RawSIP.status) == 200 else { return false }
        send("ACK", in: &dialog, cseq: cseq)
        return true
    }

    /// REFER on the queue call naming `consultation` (as this phone sees it) in Replaces; the
    /// final status of the REFER.
    func referReplacing(_ consultation: Dialog, to colleague: String, within seconds: Double = 5) -> Int? {
        let replaces = "\(consultation.callID);to-tag=\(consultation.remoteTag);from-tag=\(consultation.localTag)"
        return refer(to: "<sip:\(colleague)@127.0.0.1:\(sip.enginePort)?Replaces=\(Self.escape(replaces))>", within: seconds)
    }

    func refer(to referTo: String, within seconds: Double = 5) -> Int? {
        guard var dialog = queueCall else { return nil }
        let cseq = send("REFER", in: &dialog, headers: ["Refer-To: \(referTo)", "Referred-By: <sip:\(user)@127.0.0.1>"])
        offer.withLock { $0?.cseq = dialog.cseq }
        return awaitFinal(callID: dialog.callID, cseq: cseq, method: "REFER", within: seconds).flatMap(RawSIP.status)
    }

    /// BYE on `dialog`; whether it was answered 200.
    func bye(_ dialog: Dialog, within seconds: Double = 5) -> Bool {
        // The queue call's CSeq has moved on since the test took its copy (hold, REFER).
        var dialog = queueCall.flatMap { $0.callID == dialog.callID ? $0 : nil } ?? dialog
        let cseq = send("BYE", in: &dialog)
        if dialog.callID == queueCall?.callID { offer.withLock { $0?.cseq = dialog.cseq } }
        return awaitFinal(callID: dialog.callID, cseq: cseq, method: "BYE", within: seconds).flatMap(RawSIP.status) == 200
    }

    /// The sipfrag status lines of the NOTIFYs received in `callID`, in order.
    func notifications(in callID: String) -> [String] {
        received.filter { $0.hasPrefix("NOTIFY ") && RawSIP.header("Call-ID", in: $0) == callID }
            .compactMap { $0.components(separatedBy: "\r\n\r\n").dropFirst().first?.components(separatedBy: "\r\n").first }
    }

    /// Whether the engine sent BYE in `callID`.
    func receivedBye(in callID: String) -> Bool {
        received.contains { $0.hasPrefix("BYE ") && RawSIP.header("Call-ID", in: $0) == callID }
    }

    /// The final response to CSeq `cseq` in `callID` (the inbox is kept, so nothing is missed).
    func awaitFinal(callID: String, cseq: Int, method: String? = nil, within seconds: Double) -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        let wanted = method.map { "\(cseq) \($0)" } ?? "\(cseq) "
        repeat {
            let found = received.last {
                RawSIP.header("Call-ID", in: $0) == callID && (RawSIP.status($0) ?? 0) >= 200
                    && RawSIP.header("CSeq", in: $0)?.hasPrefix(wanted) == true
            }
            if let found { return found }
            usleep(20_000)
        } while Date() < deadline
        return nil
    }

    // MARK: SIP text

    static func response(to request: String, status: Int, toTag: String? = nil, extra: [String] = [], body: String = "") -> String {
        let lines = request.components(separatedBy: "\r\n\r\n").first?.components(separatedBy: "\r\n") ?? []
        var text = "SIP/2.0 \(status) \(status == 200 ? "OK" : "Busy Here")\r\n"
        for line in lines.dropFirst() {
            let name = line.split(separator: ":", maxSplits: 1).first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            switch name {
            case "via", "v", "from", "f", "call-id", "i", "cseq": text += line + "\r\n"
            case "to", "t":
                text += (toTag != nil && !line.contains(";tag=") ? line + ";tag=\(toTag!)" : line) + "\r\n"
            default: break
            }
        }
        for line in extra { text += line + "\r\n" }
        return text + "Content-Length: \(body.utf8.count)\r\n\r\n" + body
    }

    /// The port of the body's `m=audio` line.
    static func audioPort(in message: String) -> Int? {
        guard let line = message.components(separatedBy: "\r\n").first(where: { $0.hasPrefix("m=audio ") }) else { return nil }
        return Int(line.split(separator: " ")[1])
    }

    static func tag(of header: String) -> String? {
        guard let range = header.range(of: ";tag=") else { return nil }
        return String(header[range.upperBound...].prefix { $0 != ";" && $0 != " " && $0 != ">" })
    }

    static func uri(of header: String) -> String {
        guard let open = header.firstIndex(of: "<"), let close = header.firstIndex(of: ">") else { return header }
        return String(header[header.index(after: open)..<close])
    }

    static func branch() -> String { "z9hG4bK-\(UInt32.random(in: 0...UInt32.max))" }

    /// Replaces inside a URI header: `;`, `=`, `@` escaped (RFC 3891 §3 example).
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: ";", with: "%3B")
            .replacingOccurrences(of: "=", with: "%3D").replacingOccurrences(of: "@", with: "%40")
    }

    /// Digest (RFC 2617, MD5, qop=auth) for the challenge in `response`.
    func authorization(_ response: String, method: String, uri: String) -> String? {
        guard let challenge = RawSIP.header("WWW-Authenticate", in: response) ?? RawSIP.header("Proxy-Authenticate", in: response),
              let realm = Self.parameter("realm", in: challenge), let nonce = Self.parameter("nonce", in: challenge) else { return nil }
        let cnonce = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        let ha1 = Self.md5("\(user):\(realm):\(password)")
        let ha2 = Self.md5("\(method):\(uri)")
        let answer = Self.md5("\(ha1):\(nonce):00000001:\(cnonce):auth:\(ha2)")
        return "Digest username=\"\(user)\", realm=\"\(realm)\", nonce=\"\(nonce)\", uri=\"\(uri)\", response=\"\(answer)\", "
            + "algorithm=MD5, qop=auth, nc=00000001, cnonce=\"\(cnonce)\""
    }

    static func parameter(_ name: String, in header: String) -> String? {
        guard let range = header.range(of: "\(name)=") else { return nil }
        var value = header[range.upperBound...]
        if value.hasPrefix("\"") {
            value = value.dropFirst()
            return String(value.prefix { $0 != "\"" })
        }
        return String(value.prefix { $0 != "," && $0 != " " })
    }

    /// MD5 in hex, by `md5sum` (the test target links no crypto library).
    static func md5(_ text: String) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/md5sum")
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try? process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try? input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
    }
}
