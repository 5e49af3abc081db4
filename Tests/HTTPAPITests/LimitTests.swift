import CallgateCore
import Foundation
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import HummingbirdWSTesting
import Logging
import Testing
@testable import HTTPAPI

/// `http.max_connections`, `http.max_websocket_clients` and `http.idle_timeout_seconds` over
/// real loopback sockets (issue 9, part 8).
@Suite(.timeLimit(.minutes(1))) struct LimitTests {
    static let authorized = WebSocketClientConfiguration(additionalHeaders: .authorized)
    static let health = "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n"

    func application(_ limits: HTTPLimits, backend: InMemoryBackend = InMemoryBackend()) -> some ApplicationProtocol {
        var logger = Logger(label: "HTTPAPITests")
        logger.logLevel = ProcessInfo.processInfo.environment["LIMIT_LOG"] == nil ? .error : .trace
        return HTTPAPI.makeApplication(address: .hostname("127.0.0.1", port: 0), version: "1.2.3", token: testToken,
                                       backend: backend, limits: limits, logger: logger)
    }

    /// An open connection that the server has certainly taken (it answered a request on it).
    func openConnection(port: Int) async throws -> RawConnection {
        let connection = try RawConnection(port: port)
        connection.send(Self.health)
        let answer = await connection.read(timeout: .seconds(5), until: "\r\n\r\n")
        guard answer.text.hasPrefix("HTTP/1.1 200") else { throw TestFailure("no 200 on an open connection: \(answer.text)") }
        return connection
    }

    @Test func oneConnectionPastTheCapGets503AndIsClosed() async throws {
        _ = try await application(HTTPLimits(maxConnections: 3, maxWebSocketClients: 1)).test(.live) { client in
            let port = try #require(client.port)
            // The test client holds one connection open: make sure it is in before counting.
            #expect(try await client.execute(uri: "/health", method: .get).status == .ok)
            var first: RawConnection? = try await openConnection(port: port)
            let second = try await openConnection(port: port)
            let third = try RawConnection(port: port)
            third.send(Self.health)
            let refused = await third.read(timeout: .seconds(5))
            #expect(refused.closed, "the server closes the connection past the cap")
            #expect(refused.text.hasPrefix("HTTP/1.1 503 Service Unavailable\r\n"), "\(refused.text)")
            #expect(refused.text.contains(#""error":"too_many_connections""#))
            #expect(!refused.text.contains("\"status\""), "the refused request was never answered as a request")
            // A place given back is free again.
            first = nil
            try await eventually {
                guard let again = try? RawConnection(port: port) else { return false }
                again.send(Self.health)
                return await again.read(timeout: .seconds(2), until: "\r\n\r\n").text.hasPrefix("HTTP/1.1 200")
            }
            _ = (first, second)
        }
    }

    @Test func oneEventStreamClientPastTheCapIsRefusedWith503() async throws {
        let backend = InMemoryBackend()
        _ = try await application(HTTPLimits(maxConnections: 16, maxWebSocketClients: 2), backend: backend).test(.live) { client in
            let port = try #require(client.port)
            try await client.ws("/api/events", configuration: Self.authorized) { _, _, _ in
                try await client.ws("/api/events", configuration: Self.authorized) { _, _, _ in
                    try await eventually { backend.subscriberCount == 2 }
                    await #expect(throws: WebSocketClientError.webSocketUpgradeFailed) {
                        try await client.ws("/api/events", configuration: Self.authorized) { _, _, _ in
                            Issue.record("a third client was let in")
                        }
                    }
                    // What the refused client was told, byte for byte.
                    let raw = try RawConnection(port: port)
                    raw.send("GET /api/events HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(testToken)\r\n"
                             + "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                             + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
                    let answer = await raw.read(timeout: .seconds(5), until: "}")
                    #expect(answer.text.hasPrefix("HTTP/1.1 503"), "\(answer.text)")
                    #expect(answer.text.contains(#""error":"too_many_clients""#), "\(answer.text)")
                    #expect(backend.subscriberCount == 2)
                }
            }
            // Both gone: their places are free again.
            try await eventually {
                (try? await client.ws("/api/events", configuration: Self.authorized) { _, _, _ in }) != nil
            }
        }
    }

    @Test func aConnectionThatNeverSendsIsClosedAfterTheIdleTimeout() async throws {
        _ = try await application(HTTPLimits(idleTimeout: .milliseconds(500))).test(.live) { client in
            let connection = try RawConnection(port: try #require(client.port))
            let started = ContinuousClock.now
            let result = await connection.read(timeout: .seconds(10))
            #expect(result.closed, "closed by the server within the bound")
            #expect(started.duration(to: .now) >= .milliseconds(450))
        }
    }

    @Test func halfARequestIsClosedAfterTheIdleTimeout() async throws {
        _ = try await application(HTTPLimits(idleTimeout: .milliseconds(500))).test(.live) { client in
            let connection = try RawConnection(port: try #require(client.port))
            connection.send("GET /health HTTP/1.1\r\nHost: loc")   // and then nothing (slowloris)
            let result = await connection.read(timeout: .seconds(10))
            #expect(result.closed)
            #expect(!result.text.contains("200"))
        }
    }

    @Test func aKeptAliveConnectionIsClosedWhenIdleAfterItsRequest() async throws {
        // 1.5 s: on a loaded machine the request's own answer may take longer than half a second,
        // and the idle timer must not close the connection before it (that is another test).
        _ = try await application(HTTPLimits(idleTimeout: .milliseconds(1500))).test(.live) { client in
            let connection = try await openConnection(port: try #require(client.port))
            let result = await connection.read(timeout: .seconds(10))
            #expect(result.closed)
        }
    }

    @Test func aLiveEventStreamClientOutlivesTheIdleTimeout() async throws {
        let backend = InMemoryBackend()
        // Pings go out at half the idle period: 3 s leaves a second and a half of slack for a loaded
        // machine (600 ms failed once on CI, 1 s once on a machine building beside the tests).
        _ = try await application(HTTPLimits(idleTimeout: .seconds(3)), backend: backend).test(.live) { client in
            try await client.ws("/api/events", configuration: Self.authorized) { inbound, _, _ in
                try await eventually { backend.subscriberCount == 1 }
                // The client only reads (which answers the server's pings, as every WebSocket client
                // does); the event comes two and a half idle periods later.
                let started = ContinuousClock.now
                let publisher = Task {
                    try await Task.sleep(for: .milliseconds(7500))
                    backend.publish(EngineEvent(type: "test.tick", time: 1, data: [:]))
                }
                var messages = inbound.messages(maxSize: 1 << 16).makeAsyncIterator()
                let first = try await messages.next()
                #expect(first != nil, "still connected when the event came")
                #expect(started.duration(to: .now) >= .milliseconds(7500))
                try await publisher.value
            }
        }
    }
}
