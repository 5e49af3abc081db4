import CallgateCore
import Engine
import Foundation
import Logging
import Storage

/// Keeps one call's record and trail in SQLite: the row is written at start, answer and end, the
/// trail as it grows, so a crash mid-call loses nothing already said.
struct StoreRecorder: CallRecorder {
    let store: CallStore
    let startedAt: Date
    let sipCallID: String
    let route: String
    let scenario: String
    let logger: Logger

    func callStarted(_ record: CallRecord) async { await save(record) }
    func callAnswered(_ record: CallRecord) async { await save(record) }
    func callEnded(_ record: CallRecord) async { await save(record) }

    func trail(_ callID: String, _ entries: [TrailEntry]) async {
        do {
            try await store.appendTrail(callID: callID, entries: entries)
        } catch {
            logger.error("could not store the call trail: \(error)", metadata: ["call.id": "\(callID)"])
        }
    }

    func save(_ record: CallRecord) async {
        var row = StoredCall(record: record, startedAt: startedAt, sipCallID: sipCallID, route: route, scenario: scenario)
        row.recordingPath = record.recordings.last
        do {
            try await store.saveCall(row)
        } catch {
            logger.error("could not store the call record: \(error)", metadata: ["call.id": "\(record.id)"])
        }
    }
}
