import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs SIPp (Debian's sip-tester) against the stack under test. Every run is bounded: by -m,
/// by SIPp's own -timeout, and by a kill if SIPp outlives that by 20 s.
struct SIPp {
    /// Where SIPp's logs of this run go (kept on failure for diagnosis).
    let directory: URL
    let pid: pid_t
    private let exit: ExitWaiter

    static var scenarios: URL {
        Bundle.module.url(forResource: "Scenarios", withExtension: nil)!
    }

    /// Starts SIPp. `scenario` is a file under Scenarios/ (or "uas"/"uac" for a built-in one).
    static func start(
        scenario: String, target: String? = nil, localPort: UInt16 = FreePort.udp(),
        calls: Int = 1, rate: Int? = nil, limit: Int? = nil, transport: String = "u1",
        service: String? = nil, extra: [String] = [], timeoutSeconds: Int = 30
    ) throws -> SIPp {
        _ = removeLogsOfEarlierRuns
        let directory = logRoot.appendingPathComponent("\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var arguments: [String] = []
        if let target { arguments.append(target) }
        if scenario.hasSuffix(".xml") {
            arguments += ["-sf", scenarios.appendingPathComponent(scenario).path]
        } else {
            arguments += ["-sn", scenario]
        }
        arguments += ["-i", "127.0.0.1", "-p", String(localPort), "-t", transport,
                      "-mp", String(FreePort.mediaPair()), "-cp", String(FreePort.udp()),
                      "-m", String(calls), "-nostdin",
                      "-timeout", "\(timeoutSeconds)s", "-timeout_error",
                      "-trace_err", "-error_file", directory.appendingPathComponent("errors.log").path,
                      "-trace_msg", "-message_file", directory.appendingPathComponent("messages.log").path,
                      "-trace_screen", "-screen_file", directory.appendingPathComponent("screen.log").path]
        if let rate { arguments += ["-r", String(rate)] }
        if let limit { arguments += ["-l", String(limit)] }
        if let service { arguments += ["-s", service] }
        arguments += extra
        let pid = try spawn("/usr/bin/sipp", arguments, output: directory.appendingPathComponent("output.log").path)
        return SIPp(directory: directory, pid: pid, exit: ExitWaiter(pid: pid, limitSeconds: timeoutSeconds + 20))
    }

    /// Logs of this test process's runs; a later test process removes them.
    static let logRoot = FileManager.default.temporaryDirectory.appendingPathComponent("callgate-sipp")

    /// Deletes the logs of test processes that are gone, once per process.
    private static let removeLogsOfEarlierRuns: Void = {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: logRoot.path)) ?? []
        for entry in entries {
            guard let pid = pid_t(entry.prefix { $0 != "-" }), pid != getpid(), kill(pid, 0) != 0 else { continue }
            try? FileManager.default.removeItem(at: logRoot.appendingPathComponent(entry))
        }
    }()

    /// SIPp's exit status: 0 when every call succeeded.
    func wait() async -> Int32 { await exit.status() }

    /// Runs SIPp to completion and returns it (exit status in `status`).
    static func run(_ scenario: String, target: String?, calls: Int = 1, rate: Int? = nil, limit: Int? = nil,
                    transport: String = "u1", service: String? = nil, extra: [String] = [],
                    timeoutSeconds: Int = 30) async throws -> (sipp: SIPp, status: Int32) {
        let sipp = try start(scenario: scenario, target: target, calls: calls, rate: rate, limit: limit,
                             transport: transport, service: service, extra: extra, timeoutSeconds: timeoutSeconds)
        return (sipp, await sipp.wait())
    }

    var messages: String { (try? String(contentsOf: directory.appendingPathComponent("messages.log"), encoding: .utf8)) ?? "" }

    /// What to print when a run failed: errors, the final screen and the tail of the messages.
    var diagnostics: String {
        let read = { (name: String) in
            (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .isoLatin1)) ?? ""
        }
        return ["output.log", "errors.log", "screen.log"].map { "== \($0)\n\(read($0).suffix(3000))" }.joined(separator: "\n")
            + "\n== messages.log (tail)\n" + messages.suffix(6000)
    }

    /// Waits, with a bound, until SIPp listens on its UDP port (a UAS must be up before we call it).
    static func waitUntilListening(udpPort: UInt16, seconds: Double = 10) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if !FreePort.isFree(udpPort, .udp) { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    func terminate() {
        kill(pid, SIGTERM)
    }
}

/// posix_spawn with default signal handling and an empty signal mask (a test process may block
/// or ignore signals, and children inherit that), stdout and stderr to `output`.
private func spawn(_ path: String, _ arguments: [String], output: String) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    sigemptyset(&none)
    posix_spawnattr_setsigmask(&attributes, &none)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in [SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGCHLD] { sigaddset(&defaults, signal) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid = pid_t()
    let rc = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
    guard rc == 0 else { throw NSError(domain: "spawn", code: Int(rc)) }
    return pid
}

/// Reaps the child on a thread of its own (waitpid blocks; the cooperative pool has 2 threads
/// here) and kills it if it outlives `limitSeconds`.
private final class ExitWaiter: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Int32?
    private var waiters: [CheckedContinuation<Int32, Never>] = []

    init(pid: pid_t, limitSeconds: Int) {
        let thread = Thread { [self] in
            var status: Int32 = 0
            var reaped = waitpid(pid, &status, 0)
            while reaped < 0 && errno == EINTR { reaped = waitpid(pid, &status, 0) }
            let code: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            self.finish(reaped < 0 ? -1 : code)
        }
        thread.start()
        let killer = Thread { [self] in
            let deadline = Date().addingTimeInterval(TimeInterval(limitSeconds))
            while Date() < deadline {
                if self.isFinished { return }
                Thread.sleep(forTimeInterval: 0.1)
            }
            if !self.isFinished { kill(pid, SIGKILL) }
        }
        killer.start()
    }

    private var isFinished: Bool { lock.withLock { result != nil } }

    private func finish(_ code: Int32) {
        let waiting = lock.withLock {
            result = code
            defer { waiters = [] }
            return waiters
        }
        waiting.forEach { $0.resume(returning: code) }
    }

    func status() async -> Int32 {
        await withCheckedContinuation { continuation in
            let done: Int32? = lock.withLock {
                if let result { return result }
                waiters.append(continuation)
                return nil
            }
            if let done { continuation.resume(returning: done) }
        }
    }
}
