import CallgateCore
import Engine
import Foundation
import Synchronization

/// A simulated SIP and media edge that only writes down what the session asked of it.
final class RecordingEdge: CallEdge {
    private let log = Mutex<(effects: [CallEffect], media: [String], closed: Bool)>(([], [], false))

    func perform(_ effect: CallEffect) async { log.withLock { $0.effects.append(effect) } }
    func startRingback() async { log.withLock { $0.media.append("ringback") } }
    func bridge(to leg: any DialedLeg) async { log.withLock { $0.media.append("bridged") } }
    func unbridge() async { log.withLock { $0.media.append("unbridged") } }
    func close() async { log.withLock { $0.closed = true } }

    var effects: [CallEffect] { log.withLock { $0.effects } }
    /// What the session asked of the caller's media for a transfer, in order.
    var media: [String] { log.withLock { $0.media } }
    var closed: Bool { log.withLock { $0.closed } }
}

/// Remembers the events a scenario received.
final class EventLog: Sendable {
    private let events = Mutex<[ScenarioEvent]>([])
    func append(_ event: ScenarioEvent) { events.withLock { $0.append($0.isEmpty ? event : event) } }
    var all: [ScenarioEvent] { events.withLock { $0 } }
}

/// Waits, with a bound, until a condition holds.
func eventually(within seconds: Double = 5, _ condition: () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return await condition()
}

/// Keeps the call records a session writes.
actor MemoryRecorder: CallRecorder {
    var started: [CallRecord] = []
    var answered: [CallRecord] = []
    var ended: [CallRecord] = []
    var trail: [TrailEntry] = []

    func callStarted(_ record: CallRecord) { started.append(record) }
    func callAnswered(_ record: CallRecord) { answered.append(record) }
    func trail(_ callID: String, _ entries: [TrailEntry]) { trail += entries }
    func callEnded(_ record: CallRecord) { ended.append(record) }
}
