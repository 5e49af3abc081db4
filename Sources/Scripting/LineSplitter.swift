/// Cuts a byte stream into lines without their newline (a trailing CR is dropped too), and notices
/// a line longer than the limit before it is complete, so one endless line cannot exhaust memory.
struct LineSplitter {
    let limit: Int
    private var pending: [UInt8] = []
    /// A line, complete or not, went over the limit; the splitter keeps nothing more.
    private(set) var overflowed = false

    init(limit: Int) { self.limit = limit }

    /// Adds a chunk and returns the lines it completed.
    mutating func append(_ chunk: UnsafeRawBufferPointer) -> [[UInt8]] {
        guard !overflowed else { return [] }
        pending.append(contentsOf: chunk)
        var lines: [[UInt8]] = []
        var start = 0
        while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
            var end = newline
            if end > start, pending[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            if end - start > limit {
                overflowed = true
                pending = []
                return lines
            }
            lines.append(Array(pending[start..<end]))
            start = newline + 1
        }
        pending.removeFirst(start)
        if pending.count > limit {
            overflowed = true
            pending = []
        }
        return lines
    }

    /// What is left after the stream ended without a final newline.
    var remainder: [UInt8]? { pending.isEmpty ? nil : pending }
}
