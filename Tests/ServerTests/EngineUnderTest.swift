import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A real `callgate serve` on free ports, with its own data folder, scenarios and config, stopped by its PID.
final class EngineUnderTest: @unchecked Sendable {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let directory: URL
    /// The address SIP and RTP are bound to (and put in SDP and Contact).
    let host: String
    let sipPort: Int
    let httpPort: Int
    let configPath: String
    private let process = Process()
    private let logFile: URL
    private var stopped = false

    /// - Parameters:
    ///   - scenarios: file name → script text, written executable into the scenarios folder.
    ///   - routes: the `routes:` YAML list items (indented two spaces).
    ///   - sip: more `sip:` keys (indented two spaces, each line ending in a newline).
    ///   - host: the address SIP and RTP bind to: loopback, or an address the test made (``HomeNAT``).
    ///   - logLevel: `--log-level` (default: `CALLGATE_TEST_LOG_LEVEL`, else info); `environment`: added to the engine's.
    init(scenarios: [String: String], routes: String, rtpTimeout: Int = 10, agents: String? = nil, sip: String = "", extra: String = "",
         host: String = "127.0.0.1", logLevel: String? = nil, environment: [String: String] = [:]) throws {
        self.host = host
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("callgate-engine-\(UUID().uuidString)")
        let scenariosDir = directory.appendingPathComponent("scenarios")
        try FileManager.default.createDirectory(at: scenariosDir, withIntermediateDirectories: true)
        for (name, text) in scenarios {
            let url = scenariosDir.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        }
        sipPort = try Ports.free()
        httpPort = try Ports.free()
        let rtpBase = try Ports.freeEvenRange(count: 200)
        configPath = directory.appendingPathComponent("callgate.yaml").path
        let config = """
            sip:
              listen: \(host):\(sipPort)
              max_calls: 80
            \(sip)rtp:
              address: \(host)
              port_min: \(rtpBase)
              port_max: \(rtpBase + 198)
              timeout_seconds: \(rtpTimeout)
            http:
              listen: 127.0.0.1:\(httpPort)
              token: \(Self.apiToken)
            data_dir: \(directory.appendingPathComponent("var").path)
            scenarios_dir: \(scenariosDir.path)
            sounds_dir: \(Self.root.appendingPathComponent("sounds").path)
            routes:
            \(routes)
            agents:
            \(agents ?? "  - extension: \"1001\"\n    name: Alice\n    password_hash: \"\(Self.demoHash)\"")
            \(extra)
            """
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
        process.executableURL = Self.binary
        process.arguments = ["serve", "--config", configPath, "--log-level",
                             logLevel ?? ProcessInfo.processInfo.environment["CALLGATE_TEST_LOG_LEVEL"] ?? "info"]
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        process.currentDirectoryURL = directory
        // A file, not a pipe: a chatty engine must never block on a full pipe.
        logFile = directory.appendingPathComponent("engine.log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let handle = try FileHandle(forWritingTo: logFile)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    /// HA1 of 1001 / callgate / demo1001.
    static let demoHash = "md5:9bf27cb60eaf5577521b9ee4a59bf9f2"

    static var binary: URL {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = testBinary.deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("callgate").path), directory.path != "/" {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("callgate")
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    /// Waits, with a bound, until the engine answers on HTTP.
    func waitUntilReady(within seconds: Double = 20) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            guard process.isRunning else { throw EngineError.exited(log()) }
            if (try? await health()) != nil { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw EngineError.notReady(log())
    }

    static let apiToken = "test-token-0123456789abcdef"

    /// An authenticated API request; returns the status and the decoded JSON body (if any).
    func api(_ method: String, _ path: String, body: String? = nil) async throws -> (status: Int, json: Any?) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(httpPort)\(path)")!)
        request.httpMethod = method
        request.setValue("Bearer \(Self.apiToken)", forHTTPHeaderField: "Authorization")
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        return (status, data.isEmpty ? nil : try? JSONSerialization.jsonObject(with: data))
    }

    func health() async throws -> [String: Any] {
        let (data, _) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(httpPort)/health")!)
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    /// SIGTERM, then wait (bounded) for a clean exit; SIGKILL only if it hangs.
    @discardableResult
    func stop(within seconds: Double = 15) -> Int32 {
        guard !stopped else { return process.terminationStatus }
        stopped = true
        if process.isRunning { kill(pid, SIGTERM) }
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(pid, SIGKILL); process.waitUntilExit() }
        return process.terminationStatus
    }

    /// Everything the engine logged so far.
    func log() -> String {
        (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
    }

    /// `callgate calls --json`: the recent calls, newest first.
    func calls() throws -> [[String: Any]] {
        let out = try Self.runCallgate(["calls", "--config", configPath, "--json", "--limit", "500"])
        return out.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// `callgate calls ID --json`: one call with its trail.
    func call(_ id: String) throws -> [String: Any] {
        let out = try Self.runCallgate(["calls", id, "--config", configPath, "--json"])
        return try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any] ?? [:]
    }

    static func runCallgate(_ arguments: [String]) throws -> String {
        let p = Process()
        p.executableURL = binary
        p.arguments = arguments
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }
}

enum EngineError: Error, CustomStringConvertible {
    case exited(String), notReady(String)
    var description: String {
        switch self {
        case .exited(let log): "the engine exited early:\n\(log)"
        case .notReady(let log): "the engine did not become ready:\n\(log)"
        }
    }
}

/// Free ports on 127.0.0.1, found by letting the kernel pick.
enum Ports {
    static func free() throws -> Int {
        for _ in 0..<20 {
            let port = try bindAny(udp: true)
            if canBind(port, udp: false) { return port }
        }
        throw POSIXError(.EADDRINUSE)
    }

    /// Where engines under test take their RTP ports, and where SIPp and baresip take theirs:
    /// apart, and below Linux's ephemeral range (32768 and up), so that neither the other side nor
    /// a socket some program opens meanwhile can land in a range chosen free a moment before.
    static let engineMedia = 20_000...25_999
    static let peerMedia = 26_000...31_999

    /// The first port of `count` consecutive free UDP ports, even, within `ports`.
    ///
    /// Windows are handed out in turn from a cursor that starts at a random place, not each at a
    /// random place: peers started together (five SIPps in one test) each bind their window a moment
    /// after choosing it, and two random windows could overlap in that moment (seen in CI: SIPp's
    /// "Unable to bind video RTP socket … Address already in use"). In turn, no two windows given
    /// out in this process overlap until the range has been gone through.
    static func freeEvenRange(count: Int, in ports: ClosedRange<Int> = engineMedia) throws -> Int {
        let width = (count + 1) & ~1
        for _ in 0..<50 {
            let base = nextWindow(width: width, in: ports)
            if (base..<(base + count)).allSatisfy({ canBind($0, udp: true) }) { return base }
        }
        throw POSIXError(.EADDRINUSE)
    }

    private static let cursorLock = NSLock()
    nonisolated(unsafe) private static var cursors: [Int: Int] = [:]

    private static func nextWindow(width: Int, in ports: ClosedRange<Int>) -> Int {
        cursorLock.lock()
        defer { cursorLock.unlock() }
        var base = cursors[ports.lowerBound] ?? (Int.random(in: ports.lowerBound...(ports.upperBound - width)) & ~1)
        if base + width > ports.upperBound + 1 { base = ports.lowerBound & ~1 }
        if base < ports.lowerBound { base += 2 }
        cursors[ports.lowerBound] = base + width
        return base
    }

    static func bindAny(udp: Bool) throws -> Int {
        let fd = socket(AF_INET, udp ? Int32(SOCK_DGRAM.rawValue) : Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard ok else { throw POSIXError(.EADDRINUSE) }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func canBind(_ port: Int, udp: Bool) -> Bool {
        let fd = socket(AF_INET, udp ? Int32(SOCK_DGRAM.rawValue) : Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
