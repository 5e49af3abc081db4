import Synchronization

/// Packet counters of one leg, for tests, benchmarks and call records.
public struct MediaStats: Sendable, Hashable {
    public var packetsSent = 0
    /// Whole datagrams, RTP header included.
    public var bytesSent = 0
    /// RTP packets accepted from the remote (audio, telephone events, comfort noise).
    public var packetsReceived = 0
    public var bytesReceived = 0
    /// Datagrams dropped on arrival: not RTP, or from an address other than the remote's.
    public var packetsIgnored = 0
    /// SRTP datagrams dropped because they failed authentication (or replayed an earlier packet).
    public var packetsRefused = 0

    public init() {}
}

/// The live counters behind `MediaStats`: written by the media thread, read from anywhere.
final class LegCounters: Sendable {
    private let packetsSent = Atomic<Int>(0)
    private let bytesSent = Atomic<Int>(0)
    private let packetsReceived = Atomic<Int>(0)
    private let bytesReceived = Atomic<Int>(0)
    private let packetsIgnored = Atomic<Int>(0)
    private let packetsRefused = Atomic<Int>(0)

    func sent(bytes: Int) {
        packetsSent.add(1, ordering: .relaxed)
        bytesSent.add(bytes, ordering: .relaxed)
    }

    func received(bytes: Int) {
        packetsReceived.add(1, ordering: .relaxed)
        bytesReceived.add(bytes, ordering: .relaxed)
    }

    func ignored() {
        packetsIgnored.add(1, ordering: .relaxed)
    }

    func refused() {
        packetsRefused.add(1, ordering: .relaxed)
    }

    var snapshot: MediaStats {
        var stats = MediaStats()
        stats.packetsSent = packetsSent.load(ordering: .relaxed)
        stats.bytesSent = bytesSent.load(ordering: .relaxed)
        stats.packetsReceived = packetsReceived.load(ordering: .relaxed)
        stats.bytesReceived = bytesReceived.load(ordering: .relaxed)
        stats.packetsIgnored = packetsIgnored.load(ordering: .relaxed)
        stats.packetsRefused = packetsRefused.load(ordering: .relaxed)
        return stats
    }
}
