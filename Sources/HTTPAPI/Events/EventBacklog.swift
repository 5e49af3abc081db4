import CallgateCore
import DequeModule

/// The events one WebSocket client has not been sent yet, at most `capacity` of them.
///
/// When the client falls behind and the backlog is full, the oldest event goes: a supervisor's
/// screen wants what happens now more than what happened a minute ago. The next thing the client
/// gets after such a gap is one `events.dropped` notice with the number lost, so it knows to
/// re-read `GET /api/queues` and `GET /api/agents`. A pure value; `EventMailbox` adds the waiting.
struct EventBacklog: Sendable {
    let capacity: Int
    private var events: Deque<EngineEvent> = []
    private var dropped = 0
    private var newestDroppedTime = 0.0

    init(capacity: Int) {
        precondition(capacity > 0, "an event backlog holds at least one event")
        self.capacity = capacity
    }

    var isEmpty: Bool { events.isEmpty && dropped == 0 }

    /// Adds an event, dropping the oldest one when full. Returns whether one was dropped.
    @discardableResult
    mutating func append(_ event: EngineEvent) -> Bool {
        events.append(event)
        guard events.count > capacity, let oldest = events.popFirst() else { return false }
        dropped += 1
        newestDroppedTime = oldest.time
        return true
    }

    /// The next frame to send: the drop notice when events were lost since the last frame, else
    /// the oldest waiting event.
    mutating func next() -> EngineEvent? {
        if dropped > 0 {
            defer { dropped = 0 }
            return .eventsDropped(count: dropped, time: newestDroppedTime)
        }
        return events.popFirst()
    }
}
