import GRDB
import Synchronization

/// Group commit for the hot path's small writes (call rows, trails, the queue log): writes that
/// arrive while a transaction is under way are committed together in the next one, each in its own
/// savepoint so that one failing write fails alone. An idle store commits a write at once, on the
/// caller's own task; under load, many calls share one commit.
///
/// Every write still returns only once it is committed: a caller that awaits a write (the call row
/// before the scenario runs) knows it is in the database, whatever happens to the engine next.
final class GroupCommit: Sendable {
    typealias Work = @Sendable (Database) throws -> Void

    private struct Pending: Sendable {
        let work: Work
        let done: CheckedContinuation<Void, any Error>?
    }

    private struct State {
        var queue: [Pending] = []
        var committing = false
    }

    private let writer: any DatabaseWriter
    private let state = Mutex(State())

    init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    func write(_ work: @escaping Work) async throws {
        let leads = state.withLock { state -> Bool in
            if state.committing { return false }
            state.committing = true
            return true
        }
        if leads {
            // Ours, with whatever queued meanwhile; the rest (if any) goes on in the background.
            let batch = [Pending(work: work, done: nil)] + takeQueue(keepCommitting: true)
            let results = await commit(batch)
            for (pending, result) in zip(batch, results) { pending.done?.resume(with: result) }
            handOff()
            try results[0].get()
            return
        }
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            let leadsNow = state.withLock { state -> Bool in
                if state.committing {
                    state.queue.append(Pending(work: work, done: done))
                    return false
                }
                state.committing = true
                return true
            }
            // The committer finished between the two looks: this write starts the next batch.
            if leadsNow { Task { await self.drain(first: Pending(work: work, done: done)) } }
        }
    }

    /// Takes the queued writes; with none left and `keepCommitting` false, the store is idle again.
    private func takeQueue(keepCommitting: Bool) -> [Pending] {
        state.withLock { state in
            let batch = state.queue
            state.queue = []
            if batch.isEmpty && !keepCommitting { state.committing = false }
            return batch
        }
    }

    /// After a leader's batch: commit what queued meanwhile in the background, or go idle.
    private func handOff() {
        let next = takeQueue(keepCommitting: false)
        guard !next.isEmpty else { return }
        Task { await self.drain(batch: next) }
    }

    private func drain(first: Pending) async {
        await drain(batch: [first] + takeQueue(keepCommitting: true))
    }

    private func drain(batch: [Pending]) async {
        var batch = batch
        while !batch.isEmpty {
            let results = await commit(batch)
            for (pending, result) in zip(batch, results) { pending.done?.resume(with: result) }
            batch = takeQueue(keepCommitting: false)
        }
    }

    /// One transaction; each write in its own savepoint.
    private func commit(_ batch: [Pending]) async -> [Result<Void, any Error>] {
        do {
            return try await writer.write { db in
                batch.map { pending in
                    Result {
                        try db.inSavepoint {
                            try pending.work(db)
                            return .commit
                        }
                    }
                }
            }
        } catch {
            return batch.map { _ in .failure(error) }
        }
    }
}
