import Foundation
import Synchronization

/// The caller's side of the media in SIP tests: a real UDP socket on 127.0.0.1 that counts the RTP
/// the engine sends, learns the engine's media address from it, and sends RFC 4733 digits and voice back.
final class RTPPeer: @unchecked Sendable {
    let port: Int
    private let fd: Int32
    private let state = Mutex<(received: Int, audioBytes: [UInt8], engine: sockaddr_in?)>((0, [], nil))
    private let running = Atomic<Bool>(true)
    private var sequence: UInt16 = 1
    private var timestamp: UInt32 = 0
    private let ssrc = UInt32.random(in: 1...UInt32.max)

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        self.fd = fd
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard ok else { close(fd); throw POSIXError(.EADDRINUSE) }
        port = Int(UInt16(bigEndian: address.sin_port))
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        Thread { [self] in receiveLoop() }.start()
    }

    /// RTP packets received from the engine so far.
    var received: Int { state.withLock { $0.received } }
    /// The µ-law payload bytes received so far.
    var audio: [UInt8] { state.withLock { $0.audioBytes } }

    private func receiveLoop() {
        var buffer = [UInt8](repeating: 0, count: 2048)
        while running.load(ordering: .relaxed) {
            var from = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let n = withUnsafeMutablePointer(to: &from) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(fd, &buffer, buffer.count, 0, $0, &length) }
            }
            guard n >= 12 else { continue }
            let payload = buffer[12..<n]
            state.withLock { state in
                state.received += 1
                if buffer[1] & 0x7F == 0 { state.audioBytes += payload }
                if state.engine == nil { state.engine = from }
            }
        }
    }

    /// Sends to the engine's port on 127.0.0.1 (from its SDP) before anything was received: a
    /// phone speaks first, as soon as the call is answered.
    func aim(atPort port: Int) {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        state.withLock { $0.engine = address }
    }

    /// Sends one key as RFC 4733 telephone-event packets (payload type 101): three updates, three end packets.
    func sendDigit(_ key: Character) {
        let event = UInt8("0123456789*#".firstIndex(of: key).map { "0123456789*#".distance(from: "0123456789*#".startIndex, to: $0) } ?? 0)
        timestamp &+= 1600
        for i in 0..<6 {
            let end = i >= 3
            let duration = UInt16(min(i + 1, 4) * 160)
            send(payloadType: 101, marker: i == 0, payload: [event, (end ? 0x80 : 0) | 10, UInt8(duration >> 8), UInt8(duration & 0xFF)],
                 advanceTimestamp: false)
        }
    }

    /// Sends `seconds` of a tone (440 Hz unless told) as PCMU, 20 ms a packet, paced in real time.
    func sendTone(seconds: Double, frequency: Double = 440) async {
        let frames = Int(seconds * 50)
        var phase = 0.0
        let start = ContinuousClock.now
        for frame in 0..<frames {
            var payload = [UInt8](repeating: 0, count: 160)
            for i in 0..<160 {
                payload[i] = Self.ulaw(Int16(8000 * sin(phase)))
                phase += 2 * .pi * frequency / 8000
            }
            send(payloadType: 0, marker: false, payload: payload, advanceTimestamp: true)
            // An absolute schedule: a late wake-up sends a short burst, never a drift of the stream.
            try? await Task.sleep(until: start + .milliseconds(20 * (frame + 1)), clock: .continuous)
        }
    }

    /// Whether the engine's media address is known (it has sent us something).
    var knowsEngine: Bool { state.withLock { $0.engine != nil } }

    private func send(payloadType: UInt8, marker: Bool, payload: [UInt8], advanceTimestamp: Bool) {
        guard var to = state.withLock({ $0.engine }) else { return }
        var packet: [UInt8] = [0x80, (marker ? 0x80 : 0) | payloadType, UInt8(sequence >> 8), UInt8(sequence & 0xFF)]
        packet += withUnsafeBytes(of: timestamp.bigEndian, Array.init) + withUnsafeBytes(of: ssrc.bigEndian, Array.init) + payload
        sequence &+= 1
        if advanceTimestamp { timestamp &+= 160 }
        _ = withUnsafePointer(to: &to) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sendto(fd, packet, packet.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
    }

    /// µ-law to linear, for checking what the caller heard.
    static func decode(_ bytes: some Collection<UInt8>) -> [Int16] {
        bytes.map { byte in
            let u = ~Int(byte) & 0xFF
            let sign = u & 0x80, exponent = (u >> 4) & 0x07, mantissa = u & 0x0F
            let magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84
            return Int16(sign != 0 ? -magnitude : magnitude)
        }
    }

    static func ulaw(_ sample: Int16) -> UInt8 {
        let bias = 0x84, clip = 32635
        var s = Int(sample)
        let sign = s < 0 ? 0x80 : 0
        if s < 0 { s = -s }
        s = min(s, clip) + bias
        var exponent = 7
        var mask = 0x4000
        while exponent > 0 && s & mask == 0 { exponent -= 1; mask >>= 1 }
        let mantissa = (s >> (exponent + 3)) & 0x0F
        return UInt8(~(sign | (exponent << 4) | mantissa) & 0xFF)
    }

    func stop() {
        running.store(false, ordering: .relaxed)
    }

    deinit {
        running.store(false, ordering: .relaxed)
        close(fd)
    }
}
