/// The highest nonce count (`nc`) accepted per nonce, so a captured Authorization cannot be
/// sent again while its nonce is fresh: each use of a nonce must carry a greater count than the
/// last (RFC 2617 §3.2.2). A request without qop (RFC 2069) has no count, so its nonce is good
/// for one request only. Pure: time is passed in.
///
/// Bounded: an entry dies when its nonce expires, and at most `capacity` entries are kept. Only
/// requests with a right password reach this table, so it cannot be flooded by guessing; if it
/// still overflows, the oldest nonces are forgotten *and refused* from then on (their clients get
/// a `stale=true` challenge and carry on with a fresh nonce), never accepted again.
public struct NonceCounter: Sendable {
    public let capacity: Int
    private var entries: [String: Entry] = [:]
    /// Nonces issued at or before this time that have no entry were pushed out by the cap.
    private var forgottenThrough = Int.min

    private struct Entry: Sendable {
        var count: UInt64
        var issuedAt: Int
        var expiresAt: Int
    }

    public init(capacity: Int = 10_000) {
        self.capacity = max(capacity, 1)
    }

    /// Nonces remembered now.
    public var count: Int { entries.count }

    /// Records a use of `nonce` with `count` (nil: an RFC 2069 request, usable once). False for a
    /// replay: a count not greater than the last one accepted, or a second RFC 2069 use.
    public mutating func use(nonce: String, count: UInt32?, issuedAt: Int, expiresAt: Int, now: Int) -> Bool {
        // No qop: the one and only use; as if it had spent every count.
        let value = count.map(UInt64.init) ?? UInt64(UInt32.max) + 1
        if let entry = entries[nonce], entry.expiresAt >= now {
            guard value > entry.count, count != nil else { return false }
            entries[nonce]?.count = value
            return true
        }
        guard issuedAt > forgottenThrough else { return false }
        entries[nonce] = Entry(count: value, issuedAt: issuedAt, expiresAt: expiresAt)
        if entries.count > capacity { prune(now: now) }
        return true
    }

    /// Drops expired entries; if that is not enough, forgets the oldest tenth by issue time.
    private mutating func prune(now: Int) {
        entries = entries.filter { $0.value.expiresAt >= now }
        guard entries.count > capacity else { return }
        let byAge = entries.values.map(\.issuedAt).sorted()
        let cut = byAge[min(byAge.count - 1, max(byAge.count / 10, entries.count - capacity))]
        forgottenThrough = max(forgottenThrough, cut)
        entries = entries.filter { $0.value.issuedAt > cut }
    }
}
