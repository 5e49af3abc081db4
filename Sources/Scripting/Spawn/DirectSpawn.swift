import CSpawn
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// Starts a scenario process with `posix_spawn` (vfork and exec, no page tables copied) and hands
/// it to the ``SpawnReactor``: the event on stdin, stdout and stderr read up to the limit, the
/// process group killed at the deadline and when the main process exits.
enum DirectSpawn {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func run(_ path: String, input: [UInt8], environment: [String: String], directory: String, limit: Int,
                    deadline: Duration, logger: Logger) async -> Result<SpawnResult, Failure> {
        var stdinPipe: [Int32] = [-1, -1], stdoutPipe: [Int32] = [-1, -1], stderrPipe: [Int32] = [-1, -1]
        guard cg_pipe(&stdinPipe) == 0 else { return .failure(Failure(description: "pipe: \(String(cString: strerror(errno)))")) }
        guard cg_pipe(&stdoutPipe) == 0 else {
            closeAll(stdinPipe)
            return .failure(Failure(description: "pipe: \(String(cString: strerror(errno)))"))
        }
        guard cg_pipe(&stderrPipe) == 0 else {
            closeAll(stdinPipe + stdoutPipe)
            return .failure(Failure(description: "pipe: \(String(cString: strerror(errno)))"))
        }
        var pid: pid_t = 0
        var rc: Int32 = 0
        // ETXTBSY: the file is open for writing somewhere, often only for an instant (a process
        // spawned elsewhere at the moment the file was being written still holds a copy of the
        // writer's descriptor until its exec). A few short retries ride that out.
        for wait in [0, 2, 10, 50] {
            if wait > 0 { try? await Task.sleep(for: .milliseconds(wait)) }
            rc = withCStrings(environment.map { "\($0.key)=\($0.value)" }) { envp in
                cg_spawn(path, envp, directory, stdinPipe[0], stdoutPipe[1], stderrPipe[1], &pid)
            }
            if rc != ETXTBSY { break }
        }
        // The child has its copies (or there is no child): the parent keeps only its own ends.
        close(stdinPipe[0])
        close(stdoutPipe[1])
        close(stderrPipe[1])
        guard rc == 0 else {
            closeAll([stdinPipe[1], stdoutPipe[0], stderrPipe[0]])
            return .failure(Failure(description: String(cString: strerror(rc))))
        }
        let pidfd = cg_pidfd_open(pid)
        guard pidfd >= 0 else {
            let detail = String(cString: strerror(errno))
            _ = kill(-pid, SIGKILL)
            var exited: Int32 = 0, status: Int32 = 0
            _ = cg_reap(pid, &exited, &status)
            closeAll([stdinPipe[1], stdoutPipe[0], stderrPipe[0]])
            return .failure(Failure(description: "pidfd_open: \(detail)"))
        }
        for fd in [stdinPipe[1], stdoutPipe[0], stderrPipe[0]] { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        let run = SpawnedRun(pid: pid, pidfd: pidfd, stdin: stdinPipe[1], stdout: stdoutPipe[0], stderr: stderrPipe[0], input: input,
                             limit: limit, deadline: .now + deadline, logger: logger)
        // The event is small: it nearly always fits the pipe now, before the reactor sees the run.
        _ = run.writeInput()
        let result = await withCheckedContinuation { continuation in
            run.continuation = continuation
            SpawnReactor.shared.add(run)
        }
        return .success(result)
    }

    static func closeAll(_ fds: [Int32]) {
        for fd in fds where fd >= 0 { close(fd) }
    }

    /// Calls `body` with a NULL-terminated array of C strings.
    static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        pointers.append(nil)
        defer { for pointer in pointers { free(pointer) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
