import Foundation

/// A self-signed certificate and its key, made by a real `openssl req -x509 -newkey …` in the test's own folder,
/// plus a second key of nobody's certificate and `both.pem` (key and certificate, for baresip's `sip_certificate`).
struct TLSCertificate {
    let folder: URL
    var certificate: String { folder.appendingPathComponent("cert.pem").path }
    var key: String { folder.appendingPathComponent("key.pem").path }
    var otherKey: String { folder.appendingPathComponent("other-key.pem").path }
    var both: String { folder.appendingPathComponent("both.pem").path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("callgate-cert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Self.openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "cert.pem", "-days", "2",
                          "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"], in: folder)
        try Self.openssl(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "other-key.pem"], in: folder)
        let both = try String(contentsOfFile: key, encoding: .utf8) + String(contentsOfFile: certificate, encoding: .utf8)
        try both.write(toFile: self.both, atomically: true, encoding: .utf8)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    static func openssl(_ arguments: [String], in folder: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
    }
}

/// `tcpdump -i lo -w FILE port N`, started and stopped by its PID: what crossed a port on loopback.
final class LoopbackCapture: @unchecked Sendable {
    let file: URL
    private let process = Process()
    private let errorFile: URL

    init(port: Int, in folder: URL) throws {
        file = folder.appendingPathComponent("port-\(port).pcap")
        errorFile = folder.appendingPathComponent("tcpdump-\(port).log")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/tcpdump")
        // -U: each packet is written as it comes, so what is on disk at the stop is complete.
        process.arguments = ["-i", "lo", "-U", "-s", "0", "-w", file.path, "port", "\(port)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
    }

    /// Waits (bounded) until tcpdump says it is listening.
    func waitUntilListening(within seconds: Double = 10) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline, process.isRunning {
            if ((try? String(contentsOf: errorFile, encoding: .utf8)) ?? "").contains("listening on") { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    /// Stops tcpdump by its PID (SIGINT: it flushes and exits) and returns the bytes it captured.
    func stop(within seconds: Double = 5) -> [UInt8] {
        if process.isRunning { kill(process.processIdentifier, SIGINT) }
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
        return [UInt8]((try? Data(contentsOf: file)) ?? Data())
    }

    deinit { _ = stop() }
}

extension Array where Element == UInt8 {
    /// Whether `text`'s bytes occur anywhere in these bytes.
    func containsText(_ text: String) -> Bool { containsBytes(Array(text.utf8)) }

    /// Whether `needle` occurs anywhere in these bytes.
    func containsBytes(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, count >= needle.count else { return false }
        return (0...(count - needle.count)).contains { self[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}
