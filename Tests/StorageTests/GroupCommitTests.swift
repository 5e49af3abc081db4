import CallgateCore
import Foundation
import Storage
import Testing

/// Writes that arrive together share a commit, and each still succeeds or fails on its own.
@Suite struct GroupCommitTests {
    @Test func manyConcurrentCallsAllLandWithTheirTrails() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("callgate-group-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try CallStore(path: folder.appendingPathComponent("callgate.sqlite").path)
        await withTaskGroup(of: Void.self) { group in
            for i in 0..<200 {
                group.addTask {
                    let call = StoredCall(id: "c\(i)", sipCallID: "s\(i)", from: "+1555", to: "100", direction: .inbound,
                                          startedAt: Date(timeIntervalSince1970: 1_800_000_000 + Double(i)))
                    try? await store.saveCall(call)
                    for step in 0..<3 {
                        try? await store.appendTrail(callID: "c\(i)", entries: [TrailEntry(at: Double(step), step: .dtmf("1"))])
                    }
                }
            }
        }
        #expect(try await store.recentCalls(limit: 500).count == 200)
        for i in [0, 99, 199] {
            let trail = try await store.trail(callID: "c\(i)")
            #expect(trail.map(\.seq) == [1, 2, 3], "each call's trail numbered in order, whatever shared its commits")
        }
    }

    @Test func aFailingWriteFailsAloneInItsBatch() async throws {
        let store = try CallStore.inMemory()
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for i in 0..<50 {
                group.addTask {
                    do {
                        // A rating of a call that does not exist updates nothing; a bad SQL value fails.
                        if i == 25 {
                            try await store.appendQueueLog([QueueLogEntry(time: .nan, event: .login)])
                        } else {
                            try await store.appendQueueLog([QueueLogEntry(time: Double(i), agent: "a\(i)", event: .login)])
                        }
                        return true
                    } catch {
                        return false
                    }
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        let logged = try await store.queueLog(from: 0, to: 100)
        #expect(logged.count == outcomes.filter { $0 }.count, "every write that said it succeeded is there")
        #expect(logged.count >= 49)
    }
}
