import CallgateCore

extension EngineEvent {
    /// The notice a lagging client gets in place of the events it lost; `time` is the newest lost one's.
    static func eventsDropped(count: Int, time: Double) -> EngineEvent {
        EngineEvent(type: Types.eventsDropped, time: time, data: ["count": .number(Double(count))])
    }

    /// For an `events.dropped` notice, how many events it stands for.
    var droppedCount: Int? {
        guard type == Types.eventsDropped, case .object(let data)? = data, case .number(let count)? = data["count"] else {
            return nil
        }
        return Int(exactly: count)
    }
}
