import CallgateCore

/// One stored step of a call's trail, in the order it happened.
public struct StoredTrailEntry: Sendable, Hashable {
    /// 1, 2, 3 … per call, in append order.
    public var seq: Int
    /// Seconds since the call started.
    public var at: Double
    /// `event`, `reply`, `action`, `dtmf`, `error` or `fallback`.
    public var kind: String
    /// The entry's JSON, as `TrailEntry.json` built it.
    public var detail: JSONValue

    public init(seq: Int, at: Double, kind: String, detail: JSONValue) {
        self.seq = seq
        self.at = at
        self.kind = kind
        self.detail = detail
    }
}
