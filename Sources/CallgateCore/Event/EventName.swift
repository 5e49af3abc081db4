/// The events a scenario receives.
public enum EventName: String, Sendable, Hashable, Codable, CaseIterable {
    /// A new call arrived; the scenario decides what happens.
    case callStart = "call.start"
    /// A `gather` ended: `result` holds `digits` and `reason`.
    case gatherDone = "gather.done"
    /// A `record` ended: `result` holds `file`, `duration` and `reason`.
    case recordDone = "record.done"
    /// A `transfer` failed or its bridged call ended: `result` holds `reason` and `to`.
    case transferDone = "transfer.done"
    /// An `enqueue` ended: `result` holds `reason`, `queue` and, when an agent took the call, `agent`.
    case queueDone = "queue.done"
    /// A `conference` ended with the caller still on the line: `result` holds `reason`, `room` and `seconds`.
    case conferenceDone = "conference.done"
    /// A `detect_machine` ended: `result` holds `result` (`human`, `machine`, `not_sure`), `cause`,
    /// `initial_silence`, `greeting`, `words` and `total`.
    case amdDone = "amd.done"
    /// A `wait_for_silence` ended: `result` holds `reason` (`silence`, `timeout`) and `waited`.
    case silenceDone = "silence.done"
    /// The call is over. A notification: the scenario's output is ignored.
    case callEnd = "call.end"
}
