import Foundation

/// tcpdump on the loopback interface for one test: a filter, a pcap file, stopped by its PID. The
/// file is written packet by packet (`-U --immediate-mode`; without the latter libpcap holds packets
/// in its ring buffer and the file stays empty for a while), so it can be read while the capture runs.
final class PacketCapture: @unchecked Sendable {
    let file: URL
    private let process = Process()
    private let errors: URL
    private var stopped = false

    /// One captured UDP datagram: ports and payload (IPv4 on loopback's Ethernet framing).
    struct Datagram {
        var sourcePort: Int
        var destinationPort: Int
        var payload: [UInt8]
    }

    init(filter: String, in directory: URL) throws {
        file = directory.appendingPathComponent("capture-\(UUID().uuidString).pcap")
        errors = directory.appendingPathComponent("tcpdump-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/tcpdump")
        process.arguments = ["-i", "lo", "-U", "--immediate-mode", "-n", "-s", "0", "-w", file.path, filter]
        process.standardInput = FileHandle.nullDevice
        let handle = try FileHandle(forWritingTo: errors)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    /// Waits (bounded) until tcpdump says it is listening: packets sent before that are not seen.
    func waitUntilListening(within seconds: Double = 10) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            let text = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            if text.contains("listening on") { return }
            guard process.isRunning else { throw CaptureError.failed(text) }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw CaptureError.failed("tcpdump did not start listening: \((try? String(contentsOf: errors, encoding: .utf8)) ?? "")")
    }

    /// Every UDP datagram captured so far.
    func datagrams() -> [Datagram] {
        guard let data = try? Data(contentsOf: file) else { return [] }
        return Self.parse([UInt8](data))
    }

    /// Classic pcap (little-endian magic, as tcpdump writes here), link type Ethernet (loopback) or raw IP.
    static func parse(_ bytes: [UInt8]) -> [Datagram] {
        guard bytes.count >= 24, bytes[0..<4] == [0xD4, 0xC3, 0xB2, 0xA1] else { return [] }
        func u32(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24 }
        func be16(_ at: Int) -> Int { Int(bytes[at]) << 8 | Int(bytes[at + 1]) }
        let linkHeader = u32(20) == 1 ? 14 : 0
        var offset = 24
        var out: [Datagram] = []
        while offset + 16 <= bytes.count {
            let length = u32(offset + 8)
            let start = offset + 16
            offset = start + length
            guard offset <= bytes.count else { break }  // a record still being written
            let ip = start + linkHeader
            guard ip + 20 <= offset, bytes[ip] >> 4 == 4, bytes[ip + 9] == 17 else { continue }
            let udp = ip + Int(bytes[ip] & 0x0F) * 4
            guard udp + 8 <= offset else { continue }
            let end = min(offset, udp + be16(udp + 4))
            guard end >= udp + 8 else { continue }
            out.append(Datagram(sourcePort: be16(udp), destinationPort: be16(udp + 2), payload: Array(bytes[(udp + 8)..<end])))
        }
        return out
    }

    /// SIGTERM, then SIGKILL if it lingers (a child of Foundation.Process may have the signal blocked);
    /// the file holds every packet either way (`-U`).
    func stop(within seconds: Double = 3) {
        guard !stopped else { return }
        stopped = true
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: file)
        try? FileManager.default.removeItem(at: errors)
    }
}

enum CaptureError: Error, CustomStringConvertible {
    case failed(String)
    var description: String {
        switch self {
        case .failed(let text): "tcpdump: \(text)"
        }
    }
}
