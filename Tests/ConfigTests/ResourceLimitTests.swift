import Config
import Testing

/// SIP transport limits, HTTP connection limits, the free-disk floor for recordings and their
/// retention (issue 9, parts 3, 6 and 8).
@Suite struct ResourceLimitTests {
    @Test func defaults() throws {
        let config = try ConfigFixture.parse(ConfigFixture.minimal)
        #expect(config.http.idleTimeoutSeconds == 60)
        #expect(config.http.maxConnections == 256)
        #expect(config.http.maxWebSocketClients == 32)
        #expect(config.limits.minFreeDiskMB == 500)
        #expect(config.recordings.keepDays == 0)
        #expect(config.sip.maxMessageBytes == 65_536)
        #expect(config.sip.tcpIdleSeconds == 300)
        #expect(config.sip.messageTimeoutSeconds == 10)
        #expect(config.sip.maxTCPConnectionsPerSource == 32)
        #expect(config.sip.maxTCPConnections == 1024)
        let explicit = try CallgateConfig.embeddedDefault(baseDirectory: "/srv/callgate")
        #expect(explicit.recordings == config.recordings)
        #expect(explicit.http.idleTimeoutSeconds == config.http.idleTimeoutSeconds)
        #expect(explicit.http.maxConnections == config.http.maxConnections)
        #expect(explicit.http.maxWebSocketClients == config.http.maxWebSocketClients)
        #expect(explicit.sip.maxMessageBytes == config.sip.maxMessageBytes)
        #expect(explicit.sip.maxTCPConnections == config.sip.maxTCPConnections)
    }

    @Test func sipTransportValuesAreRead() throws {
        let config = try ConfigFixture.parse("""
            sip:
              max_message_bytes: 16384
              tcp_idle_seconds: 3
              message_timeout_seconds: 2
              max_tcp_connections_per_source: 10
              max_tcp_connections: 100
            """ + "\n" + ConfigFixture.minimal)
        #expect(config.sip.maxMessageBytes == 16_384)
        #expect(config.sip.tcpIdleSeconds == 3)
        #expect(config.sip.messageTimeoutSeconds == 2)
        #expect(config.sip.maxTCPConnectionsPerSource == 10)
        #expect(config.sip.maxTCPConnections == 100)
    }

    @Test func valuesAreRead() throws {
        let config = try ConfigFixture.parse("""
            http:
              idle_timeout_seconds: 5
              max_connections: 10
              max_websocket_clients: 3
            limits:
              min_free_disk_mb: 0
            recordings:
              keep_days: 30
            """ + "\n" + ConfigFixture.minimal)
        #expect(config.http.idleTimeoutSeconds == 5)
        #expect(config.http.maxConnections == 10)
        #expect(config.http.maxWebSocketClients == 3)
        #expect(config.limits.minFreeDiskMB == 0)
        #expect(config.recordings.keepDays == 30)
    }

    @Test(arguments: [
        ("http:\n  idle_timeout_seconds: 0", "callgate.yaml: http.idle_timeout_seconds: must be a number of seconds from 1 to 3600, got 0"),
        ("http:\n  max_connections: 0", "callgate.yaml: http.max_connections: must be between 1 and 65536, got 0"),
        ("http:\n  max_connections: 4\n  max_websocket_clients: 5",
         "callgate.yaml: http.max_websocket_clients: must be between 1 and http.max_connections (4), got 5"),
        ("limits:\n  min_free_disk_mb: -1", "callgate.yaml: limits.min_free_disk_mb: must be a number of MB from 0 (no check) to 1000000000, got -1"),
        ("recordings:\n  keep_days: -3", "callgate.yaml: recordings.keep_days: must be a number of days from 0 (keep everything) to 36500, got -3"),
        ("recordings:\n  keep: 3", nil),
        ("sip:\n  max_message_bytes: 100", "callgate.yaml: sip.max_message_bytes: must be between 4096 and 4194304, got 100"),
        ("sip:\n  tcp_idle_seconds: 0", "callgate.yaml: sip.tcp_idle_seconds: must be a number of seconds from 1 to 86400, got 0"),
        ("sip:\n  message_timeout_seconds: 301", "callgate.yaml: sip.message_timeout_seconds: must be a number of seconds from 1 to 300, got 301"),
        ("sip:\n  max_tcp_connections: 0", "callgate.yaml: sip.max_tcp_connections: must be between 1 and 65536, got 0"),
        ("sip:\n  max_tcp_connections: 8\n  max_tcp_connections_per_source: 9",
         "callgate.yaml: sip.max_tcp_connections_per_source: must be between 1 and sip.max_tcp_connections (8), got 9"),
    ])
    func rules(yaml: String, expected: String?) {
        let error = ConfigFixture.error(yaml + "\n" + ConfigFixture.minimal)
        if let expected {
            #expect(error == expected)
        } else {
            #expect(error?.contains("recordings") == true, "an unknown key is named: \(error ?? "nil")")
        }
    }
}
