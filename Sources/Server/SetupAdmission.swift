import Synchronization

/// Overload control for new calls: counts inbound calls still in set-up (their scenario has not
/// yet answered, rung early media or refused them) and turns new ones away beyond a limit.
///
/// Why a count of calls in set-up, not of calls up: a box that cannot keep up with its scenario
/// runs builds a backlog of INVITEs that all wait, time out and get retransmitted, and goodput
/// collapses. Refusing the excess at once with 503 and Retry-After keeps the calls it took fast.
final class SetupAdmission: Sendable {
    let limit: Int
    private let count = Mutex(0)

    init(limit: Int) {
        self.limit = limit
    }

    /// A ticket for one more call in set-up, or nil when `limit` calls already are.
    func admit() -> SetupTicket? {
        let admitted = count.withLock { count -> Bool in
            guard count < limit else { return false }
            count += 1
            return true
        }
        return admitted ? SetupTicket(self) : nil
    }

    fileprivate func release() {
        count.withLock { $0 -= 1 }
    }
}

/// One call's place in set-up; `finish()` gives it back once (and so does dropping the ticket).
final class SetupTicket: Sendable {
    private let admission: SetupAdmission
    private let done = Atomic(false)

    fileprivate init(_ admission: SetupAdmission) {
        self.admission = admission
    }

    func finish() {
        guard !done.exchange(true, ordering: .acquiringAndReleasing) else { return }
        admission.release()
    }

    deinit {
        finish()
    }
}
