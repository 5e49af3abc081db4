import CallgateCore

/// The simulated future: inputs due at simulated times, taken in order (ties in the order they were added).
struct Timeline {
    /// What comes due: an input for the call machine, or one for the queue machine (an agent's
    /// phone answering, an ACD timer expiring).
    enum Input: Hashable {
        case call(CallInput)
        case queue(ACDInput)
    }

    struct Entry {
        var at: Double
        var order: Int
        var input: Input
        /// Keys typed for one gather carry its number, so keys left over are dropped, not typed into the next.
        var gather: Int?
        var note: String?
    }

    private(set) var entries: [Entry] = []
    private var counter = 0

    mutating func add(_ input: CallInput, at: Double, gather: Int? = nil, note: String? = nil) {
        add(.call(input), at: at, gather: gather, note: note)
    }

    mutating func add(queue input: ACDInput, at: Double, note: String? = nil) {
        add(.queue(input), at: at, gather: nil, note: note)
    }

    private mutating func add(_ input: Input, at: Double, gather: Int?, note: String?) {
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
