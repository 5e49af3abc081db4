import Foundation

/// Runs SIPp (Debian's sip-tester) against the engine: bounded in calls and time, stopped by its PID.
enum SIPp {
    static let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("SIPp")

    struct Run {
        var status: Int32
        var output: String
        /// SIPp's exit status: 0 when every call succeeded.
        var allCallsSucceeded: Bool { status == 0 }
    }

    /// Runs `sipp` with a scenario file from Tests/ServerTests/SIPp; returns when it ends or after `timeout` seconds.
    static func run(_ scenario: String, engine: EngineUnderTest, localPort: Int? = nil, calls: Int = 1, rate: Int = 10, limit: Int? = nil,
                    set variables: [String: String] = [:], extra: [String] = [], timeout: Double = 60,
                    workingDirectory: URL? = nil) async throws -> Run {
        // SIPp's own -timeout bounds the run: it exits by itself, so the test never waits forever.
        let localPort = try localPort ?? Ports.free()
        var arguments = ["-sf", scenarios.appendingPathComponent(scenario).path, "\(engine.host):\(engine.sipPort)",
                         "-i", "127.0.0.1", "-p", "\(localPort)", "-m", "\(calls)", "-r", "\(rate)",
                         "-nostdin", "-timeout", "\(Int(timeout))s", "-timeout_error", "-recv_timeout", "30000",
                         "-s", "100", "-mp", "\(try Ports.freeEvenRange(count: 4, in: Ports.peerMedia))", "-trace_err", "-error_file", "/dev/stderr"]
        if let limit { arguments += ["-l", "\(limit)"] }
        for (name, value) in variables.sorted(by: { $0.key < $1.key }) { arguments += ["-set", name, value] }
        arguments += extra
        let logFile = FileManager.default.temporaryDirectory.appendingPathComponent("callgate-sipp-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: logFile) }
        let handle = try FileHandle(forWritingTo: logFile)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sipp")
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = handle
        // rtp_stream reads its file from here (SIPp takes that file name literally).
        if let workingDirectory { process.currentDirectoryURL = workingDirectory }
        // SIPp's -timeout does not end a UAS that never received its first message: a watchdog
        // ends it by PID a little after, so a test can fail but never hang.
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                continuation.resume(throwing: error)
                return
            }
            let pid = process.processIdentifier
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout + 10) { [process] in
                if pid > 0, process.isRunning { kill(pid, SIGKILL) }
            }
        }
        try? handle.close()
        return Run(status: status, output: (try? String(contentsOf: logFile, encoding: .utf8)) ?? "")
    }

    /// Starts SIPp without waiting (for a caller that must run while the test does something else).
    static func start(_ scenario: String, engine: EngineUnderTest, set variables: [String: String] = [:],
                      timeout: Double = 60) async throws -> Task<Run, any Error> {
        Task { try await run(scenario, engine: engine, set: variables, timeout: timeout) }
    }
}
