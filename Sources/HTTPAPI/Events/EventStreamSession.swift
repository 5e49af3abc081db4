import CallgateCore
import Foundation
import HummingbirdWebSocket
import Logging
import ServiceLifecycle

/// One `GET /api/events` client: the engine's events in, one JSON text frame each out.
///
/// Tasks share the connection. The drain task empties the engine's stream into the client's bounded
/// `EventMailbox` at once, so the engine never waits on this client; the writer sends from the
/// mailbox as fast as the socket takes it; the reader answers pings and notices the client's close;
/// a fourth waits for graceful shutdown. The session ends when the client closes or goes away, when
/// the engine's stream ends (after what is left has been sent), or on graceful shutdown; the
/// WebSocket then closes with 1000.
struct EventStreamSession {
    let events: AsyncStream<EngineEvent>
    let backlogCapacity: Int
    let logger: Logger

    /// Why a task of the session ended: only some end the connection.
    private enum Ended { case engineStreamFinished, connectionDone }

    func run(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async {
        let mailbox = EventMailbox(capacity: backlogCapacity)
        let (shutdown, shutdownSignal) = AsyncStream<Void>.makeStream()
        logger.debug("events client connected")
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Ended.self) { group in
                group.addTask {
                    for await event in events { mailbox.push(event) }
                    mailbox.finish()
                    return .engineStreamFinished
                }
                group.addTask {
                    await send(from: mailbox, to: outbound)
                    return .connectionDone
                }
                group.addTask {
                    do {
                        for try await _ in inbound {}  // clients have nothing to say; pings are answered inside
                    } catch {
                        logger.debug("events client read failed: \(error)")
                    }
                    return .connectionDone
                }
                group.addTask {
                    for await _ in shutdown {}
                    return .connectionDone
                }
                while let ended = await group.next() {
                    if case .connectionDone = ended { break }
                }
                group.cancelAll()
            }
        } onGracefulShutdown: {
            shutdownSignal.finish()
        }
        logger.debug("events client gone")
    }

    private func send(from mailbox: EventMailbox, to outbound: WebSocketOutboundWriter) async {
        let encoder = APIContext.encoder
        while let event = await mailbox.next() {
            if let count = event.droppedCount {
                logger.warning("events client fell behind; dropped the oldest events", metadata: ["events.dropped": "\(count)"])
            }
            do {
                let frame = try encoder.encode(event)
                try await outbound.write(.text(String(decoding: frame, as: UTF8.self)))
            } catch {
                logger.debug("events client write failed: \(error)")
                return
            }
        }
    }
}
