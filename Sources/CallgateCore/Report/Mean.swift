/// A running mean and maximum, for the report's averages.
struct Mean: Sendable, Hashable {
    private(set) var count = 0
    private(set) var sum = 0.0
    private(set) var largest: Double?

    mutating func add(_ value: Double) {
        count += 1
        sum += value
        largest = Swift.max(largest ?? value, value)
    }

    /// nil when nothing was added: "no calls" is not an average of 0.
    var value: Double? { count == 0 ? nil : sum / Double(count) }
}
