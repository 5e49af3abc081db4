import CallgateCore
import Engine
import Foundation
import Logging
import HTTPAPI
import Storage

/// Keeps one call's record and trail in SQLite: the row is written at start, answer and end, the
/// trail as it grows, so a crash mid-call loses nothing already said.
struct StoreRecorder: CallRecorder {
    let store: CallStore
    let hub: EventHub
    let startedAt: Date
    let sipCallID: String
    let route: String
    let scenario: String
    let logger: Logger

    func callStarted(_ record: CallRecord) async {
        hub.publish(.callStarted(time: Date().timeIntervalSince1970, callID: record.id, from: record.from, to: record.to,
                                 direction: record.direction))
        await save(record)
    }

    func callAnswered(_ record: CallRecord) async {
        hub.publish(.callAnswered(time: Date().timeIntervalSince1970, callID: record.id))
        await save(record)
    }

    func callEnded(_ record: CallRecord) async {
        hub.publish(.callEnded(time: Date().timeIntervalSince1970, callID: record.id, disposition: record.disposition ?? "",
                               hangupBy: record.hangupBy ?? "", reason: record.hangupReason ?? "",
                               durationSeconds: record.endedAt ?? 0,
                               talkSeconds: record.answeredAt.map { (record.endedAt ?? $0) - $0 }))
        await save(record)
    }

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
        // A rating the scenario kept in vars (1-5) lands in the call record.
        if case .number(let n)? = record.vars["rating"], n.rounded() == n, (1...5).contains(n) { row.rating = Int(n) }
        else if let text = record.vars["rating"]?.scalarText, let n = Int(text), (1...5).contains(n) { row.rating = n }
        do {
            try await store.saveCall(row)
        } catch {
            logger.error("could not store the call record: \(error)", metadata: ["call.id": "\(record.id)"])
        }
    }
}
