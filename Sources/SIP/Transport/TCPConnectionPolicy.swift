/// Which TCP connections to the SIP port to cut, from what the kernel says of each. Pure: the
/// scanner reads the sockets, this decides, the scanner shuts them down.
///
/// Sofia-SIP closes a connection that has gone quiet after a message, and one whose message
/// stalls, but not one that never sent a byte, and it has no cap on how many connections one peer
/// may open. Those two gaps are closed here: silent connections are cut after the idle time, and
/// connections beyond the per-source and total caps are cut, the quietest first. Each connection
/// Sofia keeps holds at most `max_message_bytes` of a message, so memory stays bounded.
struct TCPConnectionPolicy: Sendable {
    let idleMilliseconds: UInt64
    let maxPerSource: Int
    let maxTotal: Int

    /// One accepted connection as the kernel reports it.
    struct Connection: Sendable, Hashable {
        var fd: Int32
        /// The peer's address without its port (the "source" the caps count).
        var source: String
        /// Milliseconds since data last arrived, and since it was last sent (TCP_INFO).
        var sinceReceive: UInt64
        var sinceSend: UInt64

        var quiet: UInt64 { min(sinceReceive, sinceSend) }
    }

    /// What to cut and why.
    struct Verdict: Sendable, Hashable {
        var fd: Int32
        var source: String
        var reason: Reason
    }

    enum Reason: String, Sendable, Hashable {
        case idle = "idle"
        case perSource = "over the per-source connection limit"
        case total = "over the connection limit"
    }

    func sweep(_ connections: [Connection]) -> [Verdict] {
        var cut: [Int32: Verdict] = [:]
        for connection in connections where connection.quiet >= idleMilliseconds {
            cut[connection.fd] = Verdict(fd: connection.fd, source: connection.source, reason: .idle)
        }
        var kept = connections.filter { cut[$0.fd] == nil }
        // Per source: keep the most recently active ones.
        for (source, group) in Dictionary(grouping: kept, by: \.source) where group.count > maxPerSource {
            for connection in group.sorted(by: { $0.quiet < $1.quiet }).dropFirst(maxPerSource) {
                cut[connection.fd] = Verdict(fd: connection.fd, source: source, reason: .perSource)
            }
        }
        kept = kept.filter { cut[$0.fd] == nil }
        if kept.count > maxTotal {
            for connection in kept.sorted(by: { $0.quiet < $1.quiet }).dropFirst(maxTotal) {
                cut[connection.fd] = Verdict(fd: connection.fd, source: connection.source, reason: .total)
            }
        }
        return cut.values.sorted { $0.fd < $1.fd }
    }
}
