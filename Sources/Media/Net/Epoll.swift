// epoll, eventfd and timerfd are not in Swift's Glibc module (it is built without _GNU_SOURCE).
// swift-system's C module declares them for its own Linux support, and it is already a dependency,
// so we use it rather than adding a C target. If a swift-system release ever drops these headers,
// a three-line systemLibrary module including <sys/epoll.h>, <sys/eventfd.h> and <sys/timerfd.h>
// replaces this import.
import CSystem
import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

/// A level-triggered epoll set of file descriptors: the media thread's one wait for sockets, the
/// command signal and the tick timer together.
struct Epoll: Sendable {
    let fd: Int32

    init() throws(MediaError) {
        fd = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard fd >= 0 else { throw .system("epoll_create1: \(Errno(rawValue: errno))") }
    }

    func add(_ watched: Int32) throws(MediaError) {
        var event = epoll_event()
        event.events = EPOLLIN.rawValue
        event.data.fd = watched
        guard epoll_ctl(fd, EPOLL_CTL_ADD, watched, &event) == 0 else {
            throw .system("epoll_ctl ADD \(watched): \(Errno(rawValue: errno))")
        }
    }

    func remove(_ watched: Int32) {
        var event = epoll_event()
        _ = epoll_ctl(fd, EPOLL_CTL_DEL, watched, &event)
    }

    /// Blocks until at least one descriptor is readable; fills `ready` with them.
    func wait(into ready: inout [Int32], buffer: inout [epoll_event]) {
        ready.removeAll(keepingCapacity: true)
        let count = buffer.withUnsafeMutableBufferPointer {
            epoll_wait(fd, $0.baseAddress, Int32($0.count), -1)
        }
        guard count > 0 else { return }  // EINTR: the caller just loops
        for index in 0..<Int(count) { ready.append(buffer[index].data.fd) }
    }

    func close() {
        Glibc.close(fd)
    }
}
