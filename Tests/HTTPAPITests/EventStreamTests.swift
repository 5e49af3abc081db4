import CallgateCore
import Foundation
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import HummingbirdWSTesting
import Logging
import ServiceLifecycle
import Synchronization
import Testing
@testable import HTTPAPI

/// `GET /api/events` over a real loopback socket.
@Suite(.timeLimit(.minutes(1))) struct EventStreamTests {
    static let authorized = WebSocketClientConfiguration(additionalHeaders: .authorized)

    func event(_ n: Int, padding: Int = 0) -> EngineEvent {
        EngineEvent(type: "test.tick", time: Double(n),
                    data: ["n": .number(Double(n)), "pad": .string(String(repeating: "x", count: padding))])
    }

    @Test func sendsEachEventAsOneJSONTextFrameInOrder() async throws {
        let backend = InMemoryBackend()
        _ = try await makeTestApplication(backend: backend).test(.live) { client in
            try await client.ws("/api/events", configuration: Self.authorized) { inbound, _, _ in
                try await eventually { backend.subscriberCount == 1 }
                let offered = EngineEvent.callOffered(time: 1763750000.25, callID: "c-81bb01", queue: "sales", agent: "1001",
                                                      callerNumber: "+4930123456", callerName: "Dana Smith",
                                                      vars: ["account": "A-1042"], waitedSeconds: 42.5)
                backend.publish(offered)
                for n in 1...50 { backend.publish(event(n)) }
                var messages = inbound.messages(maxSize: 1 << 16).makeAsyncIterator()
                let first = try await messages.next()
                #expect(first == .text(String(decoding: try APIContext.encoder.encode(offered), as: UTF8.self)))
                for n in 1...50 {
                    let message = try await messages.next()
                    guard case .text(let text) = message else { Issue.record("not a text frame: \(String(describing: message))"); return }
                    #expect(try JSONDecoder().decode(EngineEvent.self, from: Data(text.utf8)) == event(n))
                }
            }
        }
    }

    @Test func tokenInTheQueryString() async throws {
        let backend = InMemoryBackend()
        _ = try await makeTestApplication(backend: backend).test(.live) { client in
            try await client.ws("/api/events?token=\(testToken)") { inbound, _, _ in
                try await eventually { backend.subscriberCount == 1 }
                backend.publish(event(1))
                var messages = inbound.messages(maxSize: 1 << 16).makeAsyncIterator()
                let first = try await messages.next()
                #expect(first != nil)
            }
        }
    }

    @Test(arguments: ["/api/events", "/api/events?token=wrong", "/api/events?token="])
    func upgradeWithoutTheRightTokenIsRefused(path: String) async throws {
        let backend = InMemoryBackend()
        _ = try await makeTestApplication(backend: backend).test(.live) { client in
            await #expect(throws: WebSocketClientError.webSocketUpgradeFailed) {
                try await client.ws(path) { _, _, _ in Issue.record("upgraded without the token") }
            }
            // Over plain HTTP the same request says why.
            let response = try await client.execute(uri: path, method: .get)
            #expect(response.status == .unauthorized)
        }
        #expect(backend.subscriberCount == 0)
    }

    @Test func wrongHeaderTokenIsRefused() async throws {
        _ = try await makeTestApplication().test(.live) { client in
            await #expect(throws: WebSocketClientError.webSocketUpgradeFailed) {
                try await client.ws("/api/events", configuration: .init(additionalHeaders: [.authorization: "Bearer nope"])) { _, _, _ in }
            }
        }
    }

    @Test func plainGETWithTheTokenIs426() async throws {
        _ = try await makeTestApplication().test(.live) { client in
            let response = try await client.execute(uri: "/api/events", method: .get, headers: .authorized)
            #expect(response.status == .upgradeRequired)
            #expect(response.headers[.upgrade] == "websocket")
            #expect(try response.json["error"] as? String == "upgrade_required")
            let post = try await client.execute(uri: "/api/events", method: .post, headers: .authorized)
            #expect(post.status == .methodNotAllowed)
        }
    }

    @Test func closingTheSocketEndsTheSubscription() async throws {
        let backend = InMemoryBackend()
        _ = try await makeTestApplication(backend: backend).test(.live) { client in
            let close = try await client.ws("/api/events", configuration: Self.authorized) { _, _, _ in
                try await eventually { backend.subscriberCount == 1 }
            }
            #expect(close?.closeCode == .normalClosure)
            try await eventually { backend.subscriberCount == 0 }
        }
    }

    @Test func engineStoppingSendsWhatIsLeftThenCloses() async throws {
        let backend = InMemoryBackend()
        _ = try await makeTestApplication(backend: backend).test(.live) { client in
            let close = try await client.ws("/api/events", configuration: Self.authorized) { inbound, _, _ in
                try await eventually { backend.subscriberCount == 1 }
                for n in 1...3 { backend.publish(event(n)) }
                backend.finishStreams()
                var received: [Int] = []
                for try await message in inbound.messages(maxSize: 1 << 16) {
                    guard case .text(let text) = message else { continue }
                    received.append(Int(try JSONDecoder().decode(EngineEvent.self, from: Data(text.utf8)).time))
                }
                #expect(received == [1, 2, 3])
            }
            #expect(close?.closeCode == .normalClosure)
        }
    }

    /// One client stops reading while the engine sends ~24 MB at the pace of another client: that one
    /// gets every event in order, publishing never waits, and the stalled one, once it reads again,
    /// gets a drop notice in place of what it lost, every event sent or counted.
    @Test func slowClientDoesNotHoldUpTheEngineOrOthers() async throws {
        let backend = InMemoryBackend()
        let total = 6000, batch = 50, padding = 4000
        let fastReceived = SharedCounter()
        let fastDone = AsyncStream<Void>.makeStream()
        _ = try await makeTestApplication(backend: backend, eventBacklog: 128).test(.live) { client in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {  // slow: reads nothing until the fast client has everything
                    try await client.ws("/api/events", configuration: Self.authorized) { inbound, _, _ in
                        for await _ in fastDone.stream {}
                        var delivered = 0, dropped = 0, last = -1
                        for try await message in inbound.messages(maxSize: 1 << 16) {
                            guard case .text(let text) = message else { continue }
                            let event = try JSONDecoder().decode(EngineEvent.self, from: Data(text.utf8))
                            if let count = event.droppedCount {
                                dropped += count
                                continue
                            }
                            #expect(Int(event.time) > last, "events stay in order")
                            last = Int(event.time)
                            delivered += 1
                            if last == total - 1 { break }
                        }
                        #expect(dropped > 0, "the stalled client lost events")
                        #expect(delivered + dropped == total, "every event is sent or counted")
                    }
                }
                group.addTask {  // fast: reads everything
                    try await client.ws("/api/events", configuration: Self.authorized) { inbound, _, _ in
                        var expected = 0
                        for try await message in inbound.messages(maxSize: 1 << 16) {
                            guard case .text(let text) = message else { continue }
                            let event = try JSONDecoder().decode(EngineEvent.self, from: Data(text.utf8))
                            #expect(event.type == "test.tick", "the fast client never falls behind")
                            #expect(Int(event.time) == expected)
                            expected += 1
                            fastReceived.set(expected)
                            if expected == total { break }
                        }
                        fastDone.continuation.finish()
                    }
                }
                try await eventually { backend.subscriberCount == 2 }
                for start in stride(from: 0, to: total, by: batch) {
                    let began = ContinuousClock.now
                    for n in start..<(start + batch) { backend.publish(event(n, padding: padding)) }
                    #expect(ContinuousClock.now - began < .milliseconds(500), "publishing never waits on a client")
                    try await eventually(timeout: .seconds(10)) { fastReceived.current == start + batch }
                }
                try await group.waitForAll()
            }
        }
    }

    @Test func gracefulShutdownClosesTheSocketCleanly() async throws {
        let backend = InMemoryBackend()
        let (ports, portSink) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "HTTPAPITests")
        logger.logLevel = .warning
        let app = HTTPAPI.makeApplication(address: .hostname("127.0.0.1", port: 0), version: "1.2.3", token: testToken,
                                          backend: backend, logger: logger, onServerRunning: { portSink.yield($0) })
        let services = ServiceGroup(configuration: .init(services: [app], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            var portIterator = ports.makeAsyncIterator()
            let port = try #require(await portIterator.next())
            let close = try await WebSocketClient.connect(url: "ws://127.0.0.1:\(port)/api/events", configuration: Self.authorized,
                                                          logger: logger) { inbound, _, _ in
                try await eventually { backend.subscriberCount == 1 }
                backend.publish(event(1))
                var messages = inbound.messages(maxSize: 1 << 16).makeAsyncIterator()
                let first = try await messages.next()
                #expect(first != nil)
                await services.triggerGracefulShutdown()
                while try await messages.next() != nil {}
            }
            #expect(close?.closeCode == .normalClosure)
            try await group.waitForAll()
        }
        #expect(backend.subscriberCount == 0)
    }
}
