#if canImport(Glibc)
import Glibc
#endif

/// Remembers the thread that created a value, so code that must only run there can assert it
/// (in debug builds, like `dispatchPrecondition(condition: .onQueue(...))`).
struct ThreadOwner: Sendable {
    private let thread = pthread_self()

    var isCurrent: Bool { pthread_equal(thread, pthread_self()) != 0 }

    func assertCurrent(_ what: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line) {
        assert(isCurrent, "\(what()) must run on the media thread", file: file, line: line)
    }
}
