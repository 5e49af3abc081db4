import Foundation
import Testing

@testable import CallgateCore
@testable import Storage

/// A call's answering-machine verdict is stored with it, and a later save without one keeps it.
@Suite struct CallAMDTests {
    @Test func theVerdictIsSavedAndReadBack() async throws {
        let store = try CallStore.inMemory()
        var record = CallRecord(call: CallInfo(id: "o1", from: "100", to: "+15550100", direction: .outbound, state: .answered))
        try await store.saveCall(StoredCall(record: record, startedAt: Samples.start, sipCallID: "o1@host", route: nil, scenario: nil))
        #expect(try await store.call(id: "o1")?.amd == nil)

        record.amd = .machine
        record.endedAt = 9
        record.disposition = "completed"
        try await store.saveCall(StoredCall(record: record, startedAt: Samples.start, sipCallID: "o1@host", route: nil, scenario: nil))
        let saved = try #require(try await store.call(id: "o1"))
        #expect(saved.amd == .machine)
        #expect(saved.direction == .outbound)

        record.amd = nil
        try await store.saveCall(StoredCall(record: record, startedAt: Samples.start, sipCallID: "o1@host", route: nil, scenario: nil))
        #expect(try await store.call(id: "o1")?.amd == .machine)
    }

    @Test func anUnknownStoredValueReadsAsNone() async throws {
        let store = try CallStore.inMemory()
        try await store.saveCall(Samples.call("x"))
        try await store.writer.write { try $0.execute(sql: "UPDATE calls SET amd = 'fax' WHERE id = 'x'") }
        #expect(try await store.call(id: "x")?.amd == nil)
    }

    @Test func theColumnIsAddedToAnExistingDatabase() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try CallStore(path: folder.databasePath)
        let columns = try await store.writer.read { try $0.columns(in: "calls").map(\.name) }
        #expect(columns.contains("amd"))
    }
}
