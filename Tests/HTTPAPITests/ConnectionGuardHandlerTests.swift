import Logging
import NIOCore
import NIOEmbedded
import Testing
@testable import HTTPAPI

/// The guard in front of every HTTP connection, on an `EmbeddedChannel` whose time the test moves.
@Suite(.timeLimit(.minutes(1))) struct ConnectionGuardHandlerTests {
    func channel(admitted: Bool, idle: TimeAmount = .seconds(1)) throws -> EmbeddedChannel {
        let guardHandler = ConnectionGuardHandler(admitted: admitted, slots: ConnectionSlots(capacity: 1), idleTimeout: idle,
                                                  logger: Logger(label: "t"))
        let channel = EmbeddedChannel(handler: guardHandler)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 8080)).wait()
        return channel
    }

    @Test func silenceForTheIdleTimeoutCloses() throws {
        let channel = try channel(admitted: true)
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(999))
        #expect(channel.isActive)
        try channel.writeInbound(ByteBuffer(string: "GET / HTTP/1.1\r\n"))   // a byte restarts the clock
        #expect(try channel.readInbound(as: ByteBuffer.self) == ByteBuffer(string: "GET / HTTP/1.1\r\n"))
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(999))
        #expect(channel.isActive, "999 ms after the last byte")
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(1))
        #expect(!channel.isActive, "a full second after the last byte")
    }

    @Test func aRefusedConnectionReadsThe503AndNothingOfItIsParsed() throws {
        let channel = try channel(admitted: false)
        let answer = try #require(try channel.readOutbound(as: ByteBuffer.self))
        let text = String(buffer: answer)
        #expect(text.hasPrefix("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n"))
        #expect(text.hasSuffix(#"{"error":"too_many_connections","message":"the HTTP API has no free connection (http.max_connections); try again"}"#))
        #expect(!channel.isActive)
    }

    @Test func afterItsOwnAnswerTheGuardDropsWhatTheHTTPHandlersWrite() throws {
        let channel = try channel(admitted: true)
        try ConnectionGuardHandler.answer(on: channel, with: "HTTP/1.1 503 Service Unavailable\r\n\r\n", completing: nil)
        #expect(try channel.readOutbound(as: ByteBuffer.self) == ByteBuffer(string: "HTTP/1.1 503 Service Unavailable\r\n\r\n"))
        try channel.writeAndFlush(ByteBuffer(string: "HTTP/1.1 400 Bad Request\r\n\r\n")).wait()
        #expect(try channel.readOutbound(as: ByteBuffer.self) == nil)
        #expect(channel.isActive, "the upgrade handler's close ends it, not the guard")
    }
}
