import CallgateCore

/// The simulated future: inputs due at simulated times, taken in order (ties in the order they were added).
struct Timeline {
    struct Entry {
        var at: Double
        var order: Int
        var input: CallInput
        /// Keys typed for one gather carry its number, so keys left over are dropped, not typed into the next.
        var gather: Int?
        var note: String?
    }

    private(set) var entries: [Entry] = []
    private var counter = 0

    mutating func add(_ input: CallInput, at: Double, gather: Int? = nil, note: String? = nil) {
        counter += 1
        entries.append(Entry(at: at, order: counter, input: input, gather: gather, note: note))
    }

    mutating func remove(where match: (Entry) -> Bool) {
        entries.removeAll(where: match)
    }

    mutating func next() -> Entry? {
        guard let index = entries.indices.min(by: { (entries[$0].at, entries[$0].order) < (entries[$1].at, entries[$1].order) }) else { return nil }
        return entries.remove(at: index)
    }
}
