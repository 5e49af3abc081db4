@testable import CallgateCore
import Testing

/// The line's buckets: order, positions, leaving from anywhere, coming back.
@Suite("WaitingLine")
struct WaitingLineTests {
    static func key(_ priority: Int, _ sequence: Int) -> LineKey { LineKey(priority: priority, sequence: sequence) }

    @Test func priorityThenArrival() {
        var line = WaitingLine()
        for (sequence, priority) in [0, 5, 0, 100, 5, 3].enumerated() { line.insert(Self.key(priority, sequence), callID: "c\(sequence)") }
        #expect(line.entries.map(\.callID) == ["c3", "c1", "c4", "c5", "c0", "c2"])
        #expect(line.first?.callID == "c3")
        #expect(line.count == 6)
        #expect(line.position(of: Self.key(0, 2)) == 6)
        #expect(line.position(of: Self.key(5, 4)) == 3)
        #expect(line.position(of: Self.key(5, 9)) == nil)
    }

    @Test func leavingFromTheHeadTheMiddleAndComingBack() {
        var line = WaitingLine()
        for sequence in 0..<100 { line.insert(Self.key(sequence % 2, sequence), callID: "c\(sequence)") }
        // Serve the first 40 of priority 1 (odd sequences): the bucket drops its dead prefix on the way.
        for sequence in stride(from: 1, to: 80, by: 2) { line.remove(Self.key(1, sequence)) }
        #expect(line.count == 60)
        #expect(line.first?.callID == "c81")
        line.remove(Self.key(0, 50))
        line.remove(Self.key(0, 50))
        #expect(line.count == 59)
        // A caller back from a retry delay takes its old place.
        line.insert(Self.key(1, 3), callID: "c3")
        line.insert(Self.key(1, 3), callID: "c3")
        #expect(line.count == 60)
        #expect(line.entries.prefix(3).map(\.callID) == ["c3", "c81", "c83"])
        #expect(line.position(of: Self.key(0, 0)) == 12)
        #expect(line.position(of: Self.key(0, 52)) == 12 + 25)
        let order = line.entries.map(\.key)
        #expect(order == order.sorted())
    }

    @Test func anEmptiedPriorityDisappears() {
        var line = WaitingLine()
        line.insert(Self.key(7, 1), callID: "a")
        line.insert(Self.key(2, 2), callID: "b")
        line.remove(Self.key(7, 1))
        #expect(line.first?.callID == "b")
        #expect(line.position(of: Self.key(2, 2)) == 1)
        line.remove(Self.key(2, 2))
        #expect(line.isEmpty)
        #expect(line.first == nil)
    }
}
