import Media
import Synchronization

/// Collects a leg's events as they arrive, so tests can wait for them with `eventually`.
final class EventLog: Sendable {
    private let store = Mutex<[MediaEvent]>([])
    private let done = Mutex(false)

    init(_ leg: MediaLeg) {
        let events = leg.events
        Task { [self] in
            for await event in events { self.store.withLock { $0.append(event) } }
            self.done.withLock { $0 = true }
        }
    }

    var events: [MediaEvent] { store.withLock { $0 } }
    var isFinished: Bool { done.withLock { $0 } }

    func contains(_ event: MediaEvent) -> Bool { events.contains(event) }

    var dtmf: String { String(events.compactMap { if case .dtmf(let key) = $0 { key } else { nil } }) }

    var recording: (path: String, seconds: Double, reason: String)? {
        for event in events {
            if case .recordingFinished(let path, let seconds, let reason) = event { return (path, seconds, reason) }
        }
        return nil
    }
}
