#if canImport(Glibc)
import Glibc
#endif

/// Names the calling thread as `top -H`, `ps -L` and debuggers show it. Linux threads inherit the
/// name of the thread that created them (a cooperative-pool worker, here), and Foundation's
/// `Thread.name` does not reach the kernel; `pthread_setname_np` is not imported into Swift, but
/// /proc/thread-self/comm does the same.
enum ThreadName {
    static func set(_ name: String) {
        let fd = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { close(fd) }
        let bytes = Array(name.utf8.prefix(15))  // the kernel keeps 15 characters
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }
}
