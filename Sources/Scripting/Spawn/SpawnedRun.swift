import CSpawn
import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// What a scenario wrote, within the output limit.
struct CollectedOutput: Sendable {
    var stdout: [UInt8] = []
    var stderrLines: [String] = []
    /// "stdout" or "stderr" when that stream went over the limit.
    var overflow: String?
}

/// What one scenario process left: how it ended and what it wrote within the limit.
struct SpawnResult: Sendable {
    var exitCode: Int32?
    var signal: Int32?
    var output = CollectedOutput()
    /// The deadline, not the scenario, ended the run.
    var timedOut = false
}

/// One running scenario process as the reactor drives it: its pipes, its pidfd, its deadline and
/// what it has written so far. Created by the spawning task; once handed to the reactor, only the
/// reactor's thread touches it.
final class SpawnedRun: @unchecked Sendable {
    let pid: pid_t
    var pidfd: Int32
    var stdin: Int32
    var stdout: Int32
    var stderr: Int32
    let input: [UInt8]
    var written = 0
    let limit: Int
    let deadline: ContinuousClock.Instant
    /// After the deadline's kill, how long pipes held by an escaped process may keep the run.
    var graceUntil: ContinuousClock.Instant?
    var result = SpawnResult()
    var exited = false
    var stderrPending: [UInt8] = []
    var stderrTotal = 0
    let logger: Logger
    var continuation: CheckedContinuation<SpawnResult, Never>?

    init(pid: pid_t, pidfd: Int32, stdin: Int32, stdout: Int32, stderr: Int32, input: [UInt8], limit: Int,
         deadline: ContinuousClock.Instant, logger: Logger) {
        self.pid = pid
        self.pidfd = pidfd
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
        self.input = input
        self.limit = limit
        self.deadline = deadline
        self.logger = logger
    }

    /// SIGKILL to the whole process group; harmless once it is gone.
    func killGroup() { _ = kill(-pid, SIGKILL) }

    /// Writes what stdin can take now; closes it when all is written or the reader is gone.
    /// Returns true while some input is still to be written.
    func writeInput() -> Bool {
        while written < input.count, stdin >= 0 {
            let n = input.withUnsafeBytes { write(stdin, $0.baseAddress! + written, input.count - written) }
            if n > 0 {
                written += n
            } else if n < 0 && errno == EINTR {
                continue
            } else if n < 0 && errno == EAGAIN {
                return true
            } else {
                break  // EPIPE: the scenario exited without reading; not a failure
            }
        }
        closeStdin()
        return false
    }

    func closeStdin() {
        if stdin >= 0 { close(stdin) }
        stdin = -1
    }

    /// Reads what stdout has; false at its end (or once over the limit).
    func readStdout(into buffer: UnsafeMutableRawBufferPointer) -> Bool {
        while true {
            let n = read(stdout, buffer.baseAddress, buffer.count)
            if n > 0 {
                result.output.stdout.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[..<n]))
                if result.output.stdout.count > limit {
                    killGroup()
                    result.output.stdout = Array(result.output.stdout.prefix(limit))
                    result.output.overflow = "stdout"
                    return false
                }
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                return n < 0 && errno == EAGAIN
            }
        }
    }

    /// Reads what stderr has, a line at a time into the log; false at its end (or over the limit).
    func readStderr(into buffer: UnsafeMutableRawBufferPointer) -> Bool {
        while true {
            let n = read(stderr, buffer.baseAddress, buffer.count)
            if n > 0 {
                stderrTotal += n
                stderrPending.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[..<n]))
                if stderrTotal > limit {
                    killGroup()
                    if result.output.overflow == nil { result.output.overflow = "stderr" }
                    stderrPending = []
                    return false
                }
                while let newline = stderrPending.firstIndex(of: UInt8(ascii: "\n")) {
                    stderrLine(stderrPending[..<newline])
                    stderrPending.removeSubrange(...newline)
                }
            } else if n < 0 && errno == EINTR {
                continue
            } else if n < 0 && errno == EAGAIN {
                return true
            } else {
                if !stderrPending.isEmpty { stderrLine(stderrPending[...]) }
                stderrPending = []
                return false
            }
        }
    }

    func stderrLine(_ line: ArraySlice<UInt8>) {
        let text = String(decoding: line, as: UTF8.self)
        logger.warning("scenario stderr: \(text)")
        result.output.stderrLines.append(text)
    }

    /// The main process has exited: reap it, and kill the rest of its group so that a background
    /// child keeping stdout open cannot hold the call.
    func reap() {
        var exitedNormally: Int32 = 0
        var status: Int32 = 0
        if cg_reap(pid, &exitedNormally, &status) == 0 {
            if exitedNormally != 0 { result.exitCode = status } else { result.signal = status }
        }
        exited = true
        killGroup()
        closeStdin()
    }

    var isComplete: Bool { exited && stdout < 0 && stderr < 0 }
}
