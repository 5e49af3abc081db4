import Synchronization
import SystemPackage

/// Hands out RTP/RTCP port pairs from the configured range: an even port for RTP and the odd one
/// above it for RTCP (RFC 3550 §11), both bound before the pair is handed out. Ports that other
/// programs hold are skipped. Allocation moves round the range rather than reusing the lowest free
/// pair, so that late packets of a finished call do not land in the next one.
final class PortPool: Sendable {
    struct State {
        var inUse: Set<UInt16> = []
        var cursor: Int
    }

    let host: String
    let range: ClosedRange<UInt16>
    /// The RTP ports of the range: even, with their odd partner still inside the range.
    let candidates: [UInt16]
    private let state: Mutex<State>

    init(host: String, range: ClosedRange<UInt16>) throws(MediaError) {
        _ = try SocketAddress(host: host, port: 0)
        self.host = host
        self.range = range
        let firstEven = Int(range.lowerBound) + Int(range.lowerBound % 2)
        candidates = stride(from: firstEven, to: Int(range.upperBound), by: 2).map { UInt16($0) }
        guard !candidates.isEmpty, candidates.first! > 0 else { throw .invalidPortRange(range) }
        state = Mutex(State(cursor: 0))
    }

    /// Binds the next free pair.
    func allocate() throws(MediaError) -> (port: UInt16, rtp: UDPSocket, rtcp: UDPSocket) {
        try state.withLock { (state: inout State) throws(MediaError) in
            for step in 0..<candidates.count {
                let index = (state.cursor + step) % candidates.count
                let port = candidates[index]
                guard !state.inUse.contains(port), let pair = try bindPair(port) else { continue }
                state.inUse.insert(port)
                state.cursor = index + 1
                return (port, pair.rtp, pair.rtcp)
            }
            throw .portsExhausted(range)
        }
    }

    /// Pairs handed out and not yet given back: one per open leg.
    var inUseCount: Int { state.withLock { $0.inUse.count } }

    func release(_ port: UInt16) {
        _ = state.withLock { $0.inUse.remove(port) }
    }

    /// Both sockets of a pair, or nil when either port is taken.
    private func bindPair(_ port: UInt16) throws(MediaError) -> (rtp: UDPSocket, rtcp: UDPSocket)? {
        let rtp: UDPSocket
        do {
            rtp = try UDPSocket.bind(SocketAddress(host: host, port: port))
        } catch let error as Errno {
            if Self.isTaken(error) { return nil }
            throw .system("bind \(host):\(port): \(error)")
        } catch {
            throw .system("bind \(host):\(port): \(error)")
        }
        do {
            let rtcp = try UDPSocket.bind(SocketAddress(host: host, port: port + 1))
            return (rtp, rtcp)
        } catch let error as Errno {
            rtp.close()
            if Self.isTaken(error) { return nil }
            throw .system("bind \(host):\(port + 1): \(error)")
        } catch {
            rtp.close()
            throw .system("bind \(host):\(port + 1): \(error)")
        }
    }

    /// In use elsewhere, or reserved to root: skip it and try the next pair.
    private static func isTaken(_ error: Errno) -> Bool {
        error == .addressInUse || error == .permissionDenied
    }
}
