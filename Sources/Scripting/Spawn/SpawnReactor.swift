import CSpawn
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// One thread that watches every running scenario process: its stdout and stderr, its stdin
/// when the event did not fit the pipe at once, its pidfd, and its deadline, all in one epoll
/// set. A run costs the engine two thread hand-offs (into this loop, and back to the awaiting
/// task), where swift-subprocess used a spawn thread, a reader per pipe, a reaper and a task
/// group of collectors (docs/profiles/spawn-per-call.md).
final class SpawnReactor: @unchecked Sendable {
    static let shared = SpawnReactor()

    private let epoll: Int32
    private let wake: Int32
    /// Runs handed over and not yet taken in by the loop.
    private let incoming = Mutex<[SpawnedRun]>([])
    /// Runs the loop drives, by token; touched only on the loop's thread.
    private var runs: [UInt64: SpawnedRun] = [:]
    private var nextToken: UInt64 = 1
    private static let wakeToken: UInt64 = 0

    private enum Stream: UInt64 { case stdin = 0, stdout = 1, stderr = 2, exit = 3 }

    private init() {
        epoll = cg_epoll_create()
        wake = cg_eventfd()
        _ = cg_epoll_add(epoll, wake, 0, Self.wakeToken)
        let thread = Thread { [self] in loop() }
        thread.name = "callgate.scenarios"
        thread.start()
    }

    /// Hands a started run to the loop; its continuation is resumed from the loop's thread.
    func add(_ run: SpawnedRun) {
        incoming.withLock { $0.append(run) }
        var one: UInt64 = 1
        _ = write(wake, &one, 8)
    }

    private func loop() {
        var tokens = [UInt64](repeating: 0, count: 64)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65_536, alignment: 8)
        while true {
            let count = tokens.withUnsafeMutableBufferPointer { cg_epoll_wait(epoll, $0.baseAddress, 64, timeoutMilliseconds()) }
            for data in tokens.prefix(Int(count)) {
                if data == Self.wakeToken {
                    var value: UInt64 = 0
                    _ = read(wake, &value, 8)
                    continue
                }
                guard let run = runs[data >> 2], let stream = Stream(rawValue: data & 3) else { continue }
                handle(stream, of: run, token: data >> 2, buffer: buffer)
            }
            takeIncoming()
            enforceDeadlines()
        }
    }

    private func takeIncoming() {
        let new = incoming.withLock { list in
            defer { list = [] }
            return list
        }
        for run in new {
            let token = nextToken
            nextToken += 1
            runs[token] = run
            watch(run.stdout, token, .stdout)
            watch(run.stderr, token, .stderr)
            watch(run.pidfd, token, .exit)
            if run.stdin >= 0 { watch(run.stdin, token, .stdin) }
        }
    }

    private func watch(_ fd: Int32, _ token: UInt64, _ stream: Stream) {
        _ = cg_epoll_add(epoll, fd, stream == .stdin ? 1 : 0, token << 2 | stream.rawValue)
    }

    private func forget(_ fd: inout Int32) {
        guard fd >= 0 else { return }
        _ = cg_epoll_del(epoll, fd)
        close(fd)
        fd = -1
    }

    private func handle(_ stream: Stream, of run: SpawnedRun, token: UInt64, buffer: UnsafeMutableRawBufferPointer) {
        switch stream {
        case .stdin:
            _ = cg_epoll_del(epoll, run.stdin)
            if run.writeInput() { watch(run.stdin, token, .stdin) }
        case .stdout:
            if !run.readStdout(into: buffer) { forget(&run.stdout) }
        case .stderr:
            if !run.readStderr(into: buffer) { forget(&run.stderr) }
        case .exit:
            if run.stdin >= 0 { _ = cg_epoll_del(epoll, run.stdin) }
            run.reap()
            forget(&run.pidfd)
        }
        if run.isComplete { finish(token) }
    }

    /// Past its deadline, a run's group is killed; a second later (pipes held by a process that
    /// left the group) it ends with what it has.
    private func enforceDeadlines() {
        let now = ContinuousClock.now
        for (token, run) in runs {
            if let grace = run.graceUntil {
                if grace <= now { finish(token) }
            } else if run.deadline <= now {
                run.result.timedOut = true
                run.killGroup()
                run.graceUntil = now + .seconds(1)
            }
        }
    }

    private func timeoutMilliseconds() -> Int32 {
        guard let next = runs.values.map({ $0.graceUntil ?? $0.deadline }).min() else { return -1 }
        let left = ContinuousClock.now.duration(to: next)
        if left <= .zero { return 0 }
        let ms = left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1
        return Int32(clamping: ms)
    }

    private func finish(_ token: UInt64) {
        guard let run = runs.removeValue(forKey: token) else { return }
        forget(&run.stdout)
        forget(&run.stderr)
        if run.stdin >= 0 { _ = cg_epoll_del(epoll, run.stdin) }
        run.closeStdin()
        if !run.exited {
            // Killed at the deadline and not gone yet: reap it off the loop once it is.
            forget(&run.pidfd)
            let pid = run.pid
            DispatchQueue.global().async {
                var exited: Int32 = 0, status: Int32 = 0
                _ = cg_reap(pid, &exited, &status)
            }
        }
        let continuation = run.continuation
        run.continuation = nil
        continuation?.resume(returning: run.result)
    }
}
