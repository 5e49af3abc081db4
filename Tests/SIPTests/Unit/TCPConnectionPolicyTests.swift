@testable import SIP
import Testing

/// The TCP sweep's decisions, from made-up kernel timings.
@Suite struct TCPConnectionPolicyTests {
    let policy = TCPConnectionPolicy(idleMilliseconds: 3000, maxPerSource: 2, maxTotal: 4)

    func connection(_ fd: Int32, _ source: String, quiet: UInt64) -> TCPConnectionPolicy.Connection {
        .init(fd: fd, source: source, sinceReceive: quiet, sinceSend: quiet + 10)
    }

    @Test func aConnectionQuietForTheIdleTimeIsCut() {
        let verdicts = policy.sweep([connection(5, "192.0.2.1", quiet: 2999), connection(6, "192.0.2.1", quiet: 3000)])
        #expect(verdicts == [.init(fd: 6, source: "192.0.2.1", reason: .idle)])
    }

    @Test func aSourceOverItsCapLosesItsQuietestConnections() {
        let verdicts = policy.sweep([
            connection(5, "192.0.2.1", quiet: 10), connection(6, "192.0.2.1", quiet: 900),
            connection(7, "192.0.2.1", quiet: 20), connection(8, "198.51.100.7", quiet: 2000),
        ])
        #expect(verdicts == [.init(fd: 6, source: "192.0.2.1", reason: .perSource)], "one source never costs another its connection")
    }

    @Test func theTotalCapCutsTheQuietestAcrossSources() {
        let connections = (0..<6).map { connection(Int32(10 + $0), "192.0.2.\($0)", quiet: UInt64(100 * $0)) }
        let verdicts = policy.sweep(connections)
        #expect(verdicts.map(\.fd) == [14, 15])
        #expect(verdicts.allSatisfy { $0.reason == .total })
    }

    @Test func recentActivityEitherWayKeepsAConnection() {
        let sentRecently = TCPConnectionPolicy.Connection(fd: 9, source: "192.0.2.1", sinceReceive: 99_999, sinceSend: 5)
        #expect(policy.sweep([sentRecently]).isEmpty)
    }
}
