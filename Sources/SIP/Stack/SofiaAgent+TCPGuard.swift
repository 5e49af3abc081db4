/// The sweep that closes Sofia-SIP's gaps on TCP: connections that never send a byte, and more
/// connections from one source (or in all) than the limits allow. See ``TCPConnectionPolicy``.
extension SofiaAgent {
    func sweepTCPConnections() {
        assertOnSofiaThread()
        guard nua != nil, !shuttingDown, let listen = ListenAddress(settings.listen) else { return }
        let limits = settings.transportLimits
        let policy = TCPConnectionPolicy(idleMilliseconds: UInt64(max(1, limits.tcpIdleSeconds)) * 1000,
                                         maxPerSource: limits.maxTCPConnectionsPerSource,
                                         maxTotal: limits.maxTCPConnections)
        let scanner = TCPConnectionScanner(port: listen.port)
        // The TLS listener's connections count against the same caps (a TLS peer can hold one open silently too).
        let tlsScanner = settings.tls.flatMap { ListenAddress($0.listen) }.map { TCPConnectionScanner(port: $0.port) }
        let verdicts = policy.sweep(scanner.connections() + (tlsScanner?.connections() ?? []))
        guard !verdicts.isEmpty else { return }
        for verdict in verdicts { scanner.shutDown(verdict.fd) }
        // One line per source and reason, not per connection: a flood must not flood the log.
        for (key, group) in Dictionary(grouping: verdicts, by: { "\($0.source)|\($0.reason.rawValue)" }) {
            guard let first = group.first else { continue }
            logger.notice("SIP: closed \(group.count) TCP connection(s) from \(first.source): \(first.reason.rawValue)",
                          metadata: ["sip.guard": "\(key)"])
        }
    }
}
