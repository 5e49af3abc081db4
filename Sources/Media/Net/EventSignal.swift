import CSystem
import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

/// An eventfd used as a doorbell: any thread rings it after queueing a command, and the media
/// thread's epoll wakes up. Ringing many times before the thread looks costs nothing extra.
struct EventSignal: Sendable {
    let fd: Int32

    init() throws(MediaError) {
        fd = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        guard fd >= 0 else { throw .system("eventfd: \(Errno(rawValue: errno))") }
    }

    /// Safe from any thread.
    func ring() {
        var one: UInt64 = 1
        _ = write(fd, &one, MemoryLayout<UInt64>.size)
    }

    /// Resets the counter, so level-triggered epoll stops reporting it.
    func drain() {
        var count: UInt64 = 0
        _ = read(fd, &count, MemoryLayout<UInt64>.size)
    }

    func close() {
        Glibc.close(fd)
    }
}
