/// A caller's place in line: higher priority first, then order of arrival. The machine's clock
/// never goes back, so the arrival sequence is also the order of the time each caller joined.
struct LineKey: Sendable, Hashable, Comparable {
    var priority: Int
    var sequence: Int

    static func < (a: LineKey, b: LineKey) -> Bool {
        a.priority != b.priority ? a.priority > b.priority : a.sequence < b.sequence
    }
}

/// Callers in line order, kept as one first-in-first-out bucket per priority (0–100), so the common
/// steps cost O(1): joining appends to its bucket, serving the head drops a bucket's first entry.
/// Leaving from the middle shifts the rest of one bucket; a position adds up the buckets ahead
/// and binary-searches its own. Nothing ever re-sorts the line.
struct WaitingLine: Sendable {
    struct Entry: Sendable {
        var key: LineKey
        var callID: String
    }

    /// One priority's callers by arrival; entries before `start` have left.
    struct Bucket: Sendable {
        var entries: [Entry] = []
        var start = 0

        var count: Int { entries.count - start }
        var live: ArraySlice<Entry> { entries[start...] }

        /// The index of the sequence in `entries`, or where it would go.
        func lowerBound(_ sequence: Int) -> Int {
            var low = start, high = entries.count
            while low < high {
                let middle = (low + high) / 2
                if entries[middle].key.sequence < sequence { low = middle + 1 } else { high = middle }
            }
            return low
        }

        mutating func insert(_ entry: Entry) {
            if entries.last.map({ $0.key.sequence < entry.key.sequence }) ?? true {
                entries.append(entry)  // the usual case: the newest arrival
            } else {
                let index = lowerBound(entry.key.sequence)
                if index < entries.count, entries[index].key == entry.key { return }
                entries.insert(entry, at: index)
            }
        }

        mutating func remove(_ sequence: Int) -> Bool {
            let index = lowerBound(sequence)
            guard index < entries.count, entries[index].key.sequence == sequence else { return false }
            if index == start {
                start += 1
                // Drop the dead prefix once it is the larger part: amortised O(1) per removal.
                if start > 32, start * 2 > entries.count {
                    entries.removeFirst(start)
                    start = 0
                }
            } else {
                entries.remove(at: index)
            }
            return true
        }
    }

    private var buckets: [Int: Bucket] = [:]
    /// The priorities that have callers, highest first.
    private var priorities: [Int] = []
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    /// Every entry, first in line first.
    var entries: some Sequence<Entry> {
        priorities.lazy.flatMap { buckets[$0]?.live ?? [] }
    }

    var first: Entry? { priorities.first.flatMap { buckets[$0]?.live.first } }

    mutating func insert(_ key: LineKey, callID: String) {
        if buckets[key.priority] == nil {
            buckets[key.priority] = Bucket()
            let index = priorities.firstIndex { $0 < key.priority } ?? priorities.count
            priorities.insert(key.priority, at: index)
        }
        let before = buckets[key.priority]?.count ?? 0
        buckets[key.priority]?.insert(Entry(key: key, callID: callID))
        count += (buckets[key.priority]?.count ?? 0) - before
    }

    mutating func remove(_ key: LineKey) {
        guard buckets[key.priority]?.remove(key.sequence) == true else { return }
        count -= 1
        if buckets[key.priority]?.count == 0 {
            buckets[key.priority] = nil
            priorities.removeAll { $0 == key.priority }
        }
    }

    /// 1 for the head of the line; nil when the key is not in it.
    func position(of key: LineKey) -> Int? {
        guard let bucket = buckets[key.priority] else { return nil }
        let index = bucket.lowerBound(key.sequence)
        guard index < bucket.entries.count, bucket.entries[index].key == key else { return nil }
        var ahead = index - bucket.start
        for priority in priorities where priority > key.priority { ahead += buckets[priority]?.count ?? 0 }
        return ahead + 1
    }
}
