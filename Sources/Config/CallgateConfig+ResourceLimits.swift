extension CallgateConfig {
    /// The bounds that keep the network from exhausting the machine: SIP messages and TCP
    /// connections, HTTP connections, disk.
    func validateResourceLimits() throws(ConfigError) {
        guard (4096...4_194_304).contains(sip.maxMessageBytes) else {
            throw fail("sip.max_message_bytes", "must be between 4096 and 4194304, got \(sip.maxMessageBytes)")
        }
        guard (1...86_400).contains(sip.tcpIdleSeconds) else {
            throw fail("sip.tcp_idle_seconds", "must be a number of seconds from 1 to 86400, got \(sip.tcpIdleSeconds)")
        }
        guard (1...300).contains(sip.messageTimeoutSeconds) else {
            throw fail("sip.message_timeout_seconds", "must be a number of seconds from 1 to 300, got \(sip.messageTimeoutSeconds)")
        }
        guard (1...65_536).contains(sip.maxTCPConnections) else {
            throw fail("sip.max_tcp_connections", "must be between 1 and 65536, got \(sip.maxTCPConnections)")
        }
        guard (1...sip.maxTCPConnections).contains(sip.maxTCPConnectionsPerSource) else {
            throw fail("sip.max_tcp_connections_per_source",
                       "must be between 1 and sip.max_tcp_connections (\(sip.maxTCPConnections)), got \(sip.maxTCPConnectionsPerSource)")
        }
        guard (1...3600).contains(http.idleTimeoutSeconds) else {
            throw fail("http.idle_timeout_seconds", "must be a number of seconds from 1 to 3600, got \(http.idleTimeoutSeconds)")
        }
        guard (1...65_536).contains(http.maxConnections) else {
            throw fail("http.max_connections", "must be between 1 and 65536, got \(http.maxConnections)")
        }
        guard (1...http.maxConnections).contains(http.maxWebSocketClients) else {
            throw fail("http.max_websocket_clients",
                       "must be between 1 and http.max_connections (\(http.maxConnections)), got \(http.maxWebSocketClients)")
        }
        guard (0...1_000_000_000).contains(limits.minFreeDiskMB) else {
            throw fail("limits.min_free_disk_mb", "must be a number of MB from 0 (no check) to 1000000000, got \(limits.minFreeDiskMB)")
        }
        guard (0...36_500).contains(recordings.keepDays) else {
            throw fail("recordings.keep_days", "must be a number of days from 0 (keep everything) to 36500, got \(recordings.keepDays)")
        }
    }
}
