import Foundation

/// A real softphone as an agent: Debian's baresip 1.0, run from its own config folder on free ports, stopped by its PID.
///
/// No sound card: the `aufile` module is the microphone (a WAV tone this helper writes). baresip 1.0's `aufile` has
/// no player side, so no audio player module is loaded at all (the receive pipeline then ends in nothing:
/// `(play) <--- sndfile <--- PCMU`), and the `sndfile` filter dumps what the phone hears (decoded, 16-bit)
/// to `dump-<time>-dec.wav` in `recordings` (and what it sends to `…-enc.wav`). The `ctrl_tcp` module takes commands
/// (netstring-framed JSON) such as `hangup` and `quit`; `menu` provides those commands.
final class Baresip: @unchecked Sendable {
    let directory: URL
    /// baresip's SIP port (UDP and TCP, 127.0.0.1).
    let sipPort: Int
    /// The `ctrl_tcp` port.
    let controlPort: Int
    /// The tone baresip sends as its microphone.
    let toneFrequency: Double
    /// Where `sndfile` writes what baresip sends (`…-enc.wav`) and hears (`…-dec.wav`).
    let recordings: URL
    /// The UDP ports baresip takes its RTP (and RTCP) from.
    let rtpPorts: ClosedRange<Int>
    private let process = Process()
    /// The network namespace baresip runs in, if not this one (its `ctrl_tcp` is reached from inside it).
    private let namespace: String?
    private let logFile: URL
    private var stopped = false

    /// - Parameters:
    ///   - engine: the registrar to register with (`sip:USER@127.0.0.1:engine.sipPort`).
    ///   - toneFrequency: the microphone's tone, sent for `toneSeconds` (8 kHz mono, 16-bit).
    ///   - lifetime: baresip quits by itself after this many seconds (`-t`), should the test process die without stopping it.
    ///   - home: run inside this network namespace on `address` (a phone behind a NAT, ``HomeNAT``);
    ///     its `ctrl_tcp` is then reached from inside it.
    ///   - mediaEncryption: the account's `mediaenc` (`srtp`, `srtp-mand`), loading the `srtp` module; nil: clear RTP.
    ///   - codecs: the account's `audio_codecs` (baresip's `name/clock/channels`), e.g. `opus/48000/2` or `G722/8000/1`.
    ///   - modules: the codec modules to load for them, e.g. `opus.so` or `g722.so`.
    ///   - answerMode: the account's `answermode`: `auto` answers every call at once; `manual` lets it
    ///     ring until the test answers or refuses it (`hangup` refuses a ringing call with 486).
    ///   - transport: the account's transport. With `.tls(…)` baresip registers on the engine's TLS port and listens
    ///     for TLS itself on `sipPort + 1` (baresip 1.0's rule), presenting `certificate` (key and certificate in one
    ///     PEM) and trusting `cafile` for the engine's certificate.
    init(engine: EngineUnderTest, user: String = "1001", password: String = "demo1001",
         toneFrequency: Double = 600, toneSeconds: Double = 60, lifetime: Int = 300,
         home: (namespace: String, address: String)? = nil, mediaEncryption: String? = nil,
         codecs: String = "PCMU/8000/1", modules: [String] = ["g711.so"], transport: Transport = .udp,
         answerMode: String = "auto") throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("callgate-baresip-\(UUID().uuidString)")
        recordings = directory.appendingPathComponent("recordings")
        try FileManager.default.createDirectory(at: recordings, withIntermediateDirectories: true)
        self.toneFrequency = toneFrequency
        namespace = home?.namespace
        sipPort = try transport == .udp ? Ports.free() : Self.freePortPair()
        controlPort = try Ports.free()
        let rtpBase = try Ports.freeEvenRange(count: 20, in: Ports.peerMedia)
        rtpPorts = rtpBase...(rtpBase + 19)

        let tone = directory.appendingPathComponent("tone.wav")
        try Self.wav(samples: Self.sine(frequency: toneFrequency, seconds: toneSeconds)).write(to: tone)

        // baresip 1.0 config keys: one "key value" per line. `net_interface 127.0.0.1` keeps SDP and Contact
        // on loopback (baresip 1.0 cannot resolve the name `lo` here; an address works).
        let config = """
            poll_method             epoll
            sip_listen              \(home?.address ?? "127.0.0.1"):\(sipPort)
            net_interface           \(home?.address ?? "127.0.0.1")
            call_local_timeout      120
            call_max_calls          4
            audio_source            aufile,\(tone.path)
            ausrc_srate             8000
            auplay_srate            8000
            audio_level             no
            rtp_ports               \(rtpBase)-\(rtpBase + 19)
            rtcp_mux                no
            jitter_buffer_delay     5-10
            module_path             /usr/lib/baresip/modules
            \(modules.map { "module                  \($0)" }.joined(separator: "\n"))
            module                  aufile.so
            module                  sndfile.so
            \(mediaEncryption == nil ? "" : "module                  srtp.so")
            module_app              account.so
            module_app              menu.so
            module_app              ctrl_tcp.so
            ctrl_tcp_listen         127.0.0.1:\(controlPort)
            snd_path                \(recordings.path)
            \(modules == ["g711.so"] ? "" : "ausrc_channels          1\nauplay_channels         1")

            """ + transport.configLines
        try config.write(to: directory.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        let account = "<sip:\(user)@\(engine.host):\(transport.enginePort ?? engine.sipPort);transport=\(transport.name)>;auth_pass=\(password)"
            + ";answermode=\(answerMode);regint=60;audio_codecs=\(codecs)" + (mediaEncryption.map { ";mediaenc=\($0)" } ?? "") + "\n"
        try account.write(to: directory.appendingPathComponent("accounts"), atomically: true, encoding: .utf8)

        if let home {
            // `ip netns exec` execs baresip in place: the PID stays baresip's.
            process.executableURL = URL(fileURLWithPath: "/usr/sbin/ip")
            process.arguments = ["netns", "exec", home.namespace, "/usr/bin/baresip", "-f", directory.path, "-t", "\(lifetime)"]
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/baresip")
            process.arguments = ["-f", directory.path, "-t", "\(lifetime)"]
        }
        process.currentDirectoryURL = directory
        // No console: stdin is /dev/null (the stdio module is not loaded), output goes to a file, never a pipe.
        process.standardInput = FileHandle.nullDevice
        logFile = directory.appendingPathComponent("baresip.log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let handle = try FileHandle(forWritingTo: logFile)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    /// Everything baresip logged so far.
    func log() -> String {
        (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
    }

    /// Polls the engine's `/health` until it counts `count` registered agents (bounded).
    func waitUntilRegistered(engine: EngineUnderTest, count: Int = 1, within seconds: Double = 15) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            guard process.isRunning else { throw BaresipError.exited(log()) }
            if let agents = try? await engine.health()["registered_agents"] as? Int, agents >= count { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BaresipError.notRegistered(log())
    }

    /// Waits (bounded) until `ctrl_tcp` accepts connections.
    func waitUntilControllable(within seconds: Double = 10) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            guard process.isRunning else { throw BaresipError.exited(log()) }
            if let fd = try? connectControl() { close(fd); return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw BaresipError.control("ctrl_tcp never listened on \(controlPort)\n\(log())")
    }

    /// Hangs up the current call (the `menu` module's `hangup` command, through `ctrl_tcp`).
    @discardableResult
    func hangup() throws -> [String: Any] { try command("hangup") }

    /// Quits through `ctrl_tcp` (baresip unregisters on its way out) and waits, bounded, for the process to end;
    /// if it does not, `stop()` ends it by PID. Returns whether it ended by itself.
    @discardableResult
    func quit(within seconds: Double = 10) throws -> Bool {
        defer { stop(within: 2) }
        do { _ = try command("quit") } catch { if process.isRunning { throw error } }  // it may be gone before it answers
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        return !process.isRunning
    }

    /// Sends one command through `ctrl_tcp` and returns its response object
    /// (`{"response":true,"ok":…,"data":…,"token":…}`). Events that arrive first are skipped.
    func command(_ name: String, params: String? = nil, within seconds: Double = 5) throws -> [String: Any] {
        if let namespace { return try command(name, params: params, inside: namespace, within: seconds) }
        let fd = try connectControl()
        defer { close(fd) }
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let token = UUID().uuidString
        var request: [String: Any] = ["command": name, "token": token]
        if let params { request["params"] = params }
        let json = try JSONSerialization.data(withJSONObject: request)
        let frame = Array("\(json.count):".utf8) + Array(json) + Array(",".utf8)
        guard frame.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, 0) }) == frame.count else {
            throw BaresipError.control("could not send \(name)")
        }
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            while let (message, rest) = Self.netstring(buffer) {
                buffer = rest
                if let object = try? JSONSerialization.jsonObject(with: Data(message)) as? [String: Any],
                   object["response"] as? Bool == true, (object["token"] as? String).map({ $0 == token }) ?? true {
                    return object
                }
            }
            let n = recv(fd, &chunk, chunk.count, 0)
            if n > 0 { buffer += chunk[0..<n] } else if n == 0 { break }
        }
        throw BaresipError.control("no response to \(name) within \(seconds) s\n\(log())")
    }

    /// `ctrl_tcp` of a baresip in another namespace listens on that namespace's loopback: a short
    /// Python client run there (`ip netns exec`) sends the command and prints what comes back.
    private func command(_ name: String, params: String?, inside namespace: String, within seconds: Double) throws -> [String: Any] {
        var fields = ["command": name, "token": "t"]
        if let params { fields["params"] = params }
        let request = try JSONSerialization.data(withJSONObject: fields)
        let script = """
            import socket, sys
            s = socket.create_connection(("127.0.0.1", \(controlPort)), timeout=\(seconds))
            body = sys.argv[1].encode()
            s.sendall(str(len(body)).encode() + b":" + body + b",")
            data = b""
            try:
                while b'"response":true' not in data:
                    chunk = s.recv(4096)
                    if not chunk: break
                    data += chunk
            except socket.timeout:
                pass
            sys.stdout.buffer.write(data)
            """
        let client = Process()
        client.executableURL = URL(fileURLWithPath: "/usr/sbin/ip")
        client.arguments = ["netns", "exec", namespace, "/usr/bin/python3", "-c", script, String(decoding: request, as: UTF8.self)]
        let output = Pipe()
        client.standardOutput = output
        client.standardError = output
        try client.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        client.waitUntilExit()
        var buffer = [UInt8](data)
        while let (message, rest) = Self.netstring(buffer) {
            buffer = rest
            if let object = try? JSONSerialization.jsonObject(with: Data(message)) as? [String: Any], object["response"] as? Bool == true {
                return object
            }
        }
        throw BaresipError.control("no response to \(name) inside \(namespace): \(String(decoding: data, as: UTF8.self))\n\(log())")
    }

    private func connectControl() throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(controlPort).bigEndian
        let ok = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard ok else { close(fd); throw BaresipError.control("cannot connect to ctrl_tcp on \(controlPort)") }
        return fd
    }

    /// One netstring (`LEN:BYTES,`) off the front of `buffer`, or nil when it is not all there yet.
    static func netstring(_ buffer: [UInt8]) -> ([UInt8], [UInt8])? {
        guard let colon = buffer.firstIndex(of: UInt8(ascii: ":")),
              let length = Int(String(decoding: buffer[..<colon], as: UTF8.self)) else { return nil }
        let start = colon + 1, end = start + length
        guard buffer.count > end else { return nil }
        return (Array(buffer[start..<end]), Array(buffer[(end + 1)...]))
    }

    /// The WAV files `sndfile` wrote for what baresip heard (one per call), oldest first.
    func receivedFiles() -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: recordings.path)) ?? []
        return names.filter { $0.hasSuffix("-dec.wav") }.sorted().map { recordings.appendingPathComponent($0) }
    }

    /// The samples baresip heard (16-bit mono, 8 kHz), from the newest `-dec.wav`; empty when there is none.
    /// sndfile finishes the header when the call ends; before that the data runs to the end of the file.
    func receivedAudio() -> [Int16] {
        guard let file = receivedFiles().last, let data = try? Data(contentsOf: file) else { return [] }
        return Self.samples(wav: data)
    }

    /// What baresip heard from the newest `-dec.wav` at whatever rate and channels its decoder gave
    /// (Opus decodes at 48 kHz, G.722 at 16 kHz): the first channel and the sample rate.
    func receivedAudioAnyRate() -> (samples: [Int16], sampleRate: Double) {
        guard let file = receivedFiles().last, let data = try? Data(contentsOf: file) else { return ([], 8000) }
        let bytes = [UInt8](data)
        guard bytes.count >= 36, bytes[12..<16].elementsEqual("fmt ".utf8) else { return ([], 8000) }
        let channels = max(1, Int(bytes[22]) | Int(bytes[23]) << 8)
        let rate = Int(bytes[24]) | Int(bytes[25]) << 8 | Int(bytes[26]) << 16 | Int(bytes[27]) << 24
        let all = Self.samples(wav: data)
        let first = stride(from: 0, to: all.count - channels + 1, by: channels).map { all[$0] }
        return (first, Double(rate > 0 ? rate : 8000))
    }

    /// The share of `frequency` in the last `seconds` baresip heard, whatever its decoder's rate.
    func heardToneShare(_ frequency: Double, lastSeconds seconds: Double = 1) -> Double {
        let (samples, rate) = receivedAudioAnyRate()
        return Self.toneShare(Array(samples.suffix(Int(seconds * rate))), frequency: frequency, sampleRate: rate)
    }

    /// Samples of a 16-bit PCM WAV: walks the RIFF chunks to `data`; a size of 0 (not finished) means "to the end".
    static func samples(wav: Data) -> [Int16] {
        let bytes = [UInt8](wav)
        guard bytes.count >= 12, bytes[0..<4].elementsEqual("RIFF".utf8), bytes[8..<12].elementsEqual("WAVE".utf8) else { return [] }
        func u32(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24 }
        var offset = 12
        while offset + 8 <= bytes.count {
            let size = u32(offset + 4)
            if bytes[offset..<(offset + 4)].elementsEqual("data".utf8) {
                let start = offset + 8
                let end = size == 0 || start + size > bytes.count ? bytes.count : start + size
                return stride(from: start, to: end - 1, by: 2).map { Int16(bitPattern: UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8) }
            }
            offset += 8 + size + (size & 1)
        }
        return []
    }

    /// Relative power of `frequency` in `samples` (Goertzel, normalised by the signal's energy): near 1 for a pure tone.
    static func toneShare(_ samples: [Int16], frequency: Double, sampleRate: Double = 8000) -> Double {
        guard !samples.isEmpty else { return 0 }
        let coefficient = 2 * cos(2 * .pi * frequency / sampleRate)
        var s1 = 0.0, s2 = 0.0, energy = 0.0
        for sample in samples {
            let x = Double(sample)
            let s0 = x + coefficient * s1 - s2
            s2 = s1
            s1 = s0
            energy += x * x
        }
        let power = s1 * s1 + s2 * s2 - coefficient * s1 * s2
        return energy > 0 ? 2 * power / (Double(samples.count) * energy) : 0
    }

    static func sine(frequency: Double, seconds: Double, amplitude: Double = 12_000, sampleRate: Double = 8000) -> [Int16] {
        (0..<Int(seconds * sampleRate)).map { Int16(amplitude * sin(2 * .pi * frequency * Double($0) / sampleRate)) }
    }

    /// A 16-bit mono PCM WAV.
    static func wav(samples: [Int16], sampleRate: Int = 8000) -> Data {
        func le32(_ v: Int) -> [UInt8] { withUnsafeBytes(of: UInt32(v).littleEndian, Array.init) }
        func le16(_ v: Int) -> [UInt8] { withUnsafeBytes(of: UInt16(v).littleEndian, Array.init) }
        let dataSize = samples.count * 2
        var bytes = Array("RIFF".utf8) + le32(36 + dataSize) + Array("WAVE".utf8)
        bytes += Array("fmt ".utf8) + le32(16) + le16(1) + le16(1) + le32(sampleRate) + le32(sampleRate * 2) + le16(2) + le16(16)
        bytes += Array("data".utf8) + le32(dataSize)
        bytes.reserveCapacity(bytes.count + dataSize)
        for sample in samples { bytes += withUnsafeBytes(of: sample.littleEndian, Array.init) }
        return Data(bytes)
    }

    /// The phone vanishes, as one whose network went away: SIGKILL, so it says nothing (no BYE, no
    /// unREGISTER).
    func vanish() {
        if process.isRunning { kill(pid, SIGKILL) }
        stop(within: 5)
    }

    /// SIGTERM, then wait (bounded) for the exit; SIGKILL only if it hangs.
    @discardableResult
    func stop(within seconds: Double = 5) -> Int32 {
        guard !stopped else { return process.terminationStatus }
        stopped = true
        if process.isRunning { kill(pid, SIGTERM) }
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(pid, SIGKILL); process.waitUntilExit() }
        return process.terminationStatus
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }
}

extension Baresip {
    /// How the agent reaches the engine.
    enum Transport: Equatable {
        case udp
        /// TLS to the engine's TLS port; `certificate` is baresip's own (key + certificate), `cafile` what it trusts.
        case tls(enginePort: Int, certificate: String, cafile: String)

        var name: String { self == .udp ? "udp" : "tls" }
        var enginePort: Int? { if case .tls(let port, _, _) = self { port } else { nil } }
        var configLines: String {
            guard case .tls(_, let certificate, let cafile) = self else { return "" }
            return "sip_certificate         \(certificate)\nsip_cafile              \(cafile)\n"
        }
    }

    /// A free port whose next port is free too (baresip 1.0 puts TLS on `sip_listen`'s port + 1).
    static func freePortPair() throws -> Int {
        for _ in 0..<50 {
            let port = try Ports.free()
            if port < 65535, Ports.canBind(port + 1, udp: false) { return port }
        }
        throw POSIXError(.EADDRINUSE)
    }
}

enum BaresipError: Error, CustomStringConvertible {
    case exited(String), notRegistered(String), control(String)
    var description: String {
        switch self {
        case .exited(let log): "baresip exited early:\n\(log)"
        case .notRegistered(let log): "baresip did not register:\n\(log)"
        case .control(let message): "ctrl_tcp: \(message)"
        }
    }
}
