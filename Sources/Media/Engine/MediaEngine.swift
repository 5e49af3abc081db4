import Dispatch
import Foundation
import Logging
import Synchronization

/// The RTP media engine: one dedicated media thread paces and carries the audio of every call.
///
/// The thread is a plain `Thread`, not the cooperative pool: pacing needs wake-ups within a fraction
/// of a millisecond, which `Task.sleep` does not give (see docs/media.md). It waits in one epoll set
/// on all legs' sockets, a command doorbell and a 20 ms absolute-schedule timer.
///
/// Everything public here and on `MediaLeg` is callable from any thread: it posts a command and
/// returns at once. Events come back on each leg's `events` stream.
public final class MediaEngine: Sendable {
    /// Audio frame period: 20 ms, 160 samples at 8 kHz, the usual `ptime` of G.711.
    public static let tick = Duration.milliseconds(20)

    public let address: String
    public let portRange: ClosedRange<UInt16>
    public let rtpTimeout: Duration
    let logger: Logger
    let mailbox: Mailbox
    let ports: PortPool
    private let nextLegID = Atomic<UInt64>(1)
    let nextRoomID = Atomic<UInt64>(1)
    private let stopped = DispatchSemaphore(value: 0)
    private let shutDown = Atomic<Bool>(false)

    /// Starts the media thread.
    /// - Parameters:
    ///   - address: the IPv4 address to bind RTP sockets to ("0.0.0.0" for all).
    ///   - portRange: where RTP/RTCP port pairs are taken from; each leg uses an even port and the
    ///     odd one above it.
    ///   - rtpTimeout: how long a remote may send nothing before `.rtpTimeout`; zero disables it.
    public init(address: String = "127.0.0.1", portRange: ClosedRange<UInt16> = 20000...29999,
                rtpTimeout: Duration = .seconds(30), logger: Logger = Logger(label: "callgate.media")) throws(MediaError) {
        self.address = address
        self.portRange = portRange
        self.rtpTimeout = rtpTimeout
        self.logger = logger
        ports = try PortPool(host: address, range: portRange)
        let epoll = try Epoll()
        let doorbell: EventSignal
        let timer: TickTimer
        do {
            doorbell = try EventSignal()
            timer = try TickTimer(period: Self.tick)
            try epoll.add(doorbell.fd)
            try epoll.add(timer.fd)
        } catch {
            epoll.close()
            throw error
        }
        mailbox = Mailbox(doorbell: doorbell)

        // The thread captures its collaborators, never `self`, so the engine can be released.
        let (mailbox, ports, stopped) = (mailbox, ports, stopped)
        let thread = Thread {
            ThreadName.set("callgate-media")
            let loop = MediaLoop(epoll: epoll, mailbox: mailbox, timer: timer, ports: ports,
                                 rtpTimeout: rtpTimeout, logger: logger)
            loop.run()
            epoll.close()
            timer.close()
            doorbell.close()
            stopped.signal()
        }
        thread.name = "callgate-media"
        thread.start()
    }

    /// Opens a leg: binds a free RTP/RTCP port pair now (so the port can go in the SDP at once) and
    /// hands the sockets to the media thread.
    /// - Throws: `MediaError.portsExhausted` when the range is full, `.engineStopped` after `shutdown()`.
    public func openLeg() throws(MediaError) -> MediaLeg {
        guard !mailbox.isStopping else { throw .engineStopped }
        let (port, rtp, rtcp) = try ports.allocate()
        let id = nextLegID.add(1, ordering: .relaxed).oldValue
        let (events, continuation) = AsyncStream.makeStream(of: MediaEvent.self, bufferingPolicy: .unbounded)
        let counters = LegCounters()
        let setup = LegSetup(id: id, port: port, rtp: rtp, rtcp: rtcp, events: continuation, counters: counters)
        guard mailbox.post(.open(setup)) else {
            rtp.close()
            rtcp.close()
            ports.release(port)
            throw .engineStopped
        }
        return MediaLeg(id: id, localPort: port, engine: self, events: events, counters: counters)
    }

    /// Legs open now (each holds a port pair until the media thread has closed it): 0 when idle.
    public var openLegs: Int { ports.inUseCount }

    /// Closes every leg (recordings end with "hangup", event streams finish) and stops the media
    /// thread; returns when it has stopped. Calling it again does nothing.
    public func shutdown() {
        guard !shutDown.exchange(true, ordering: .acquiringAndReleasing) else { return }
        mailbox.requestStop()
        stopped.wait()
    }

    func post(_ command: MediaCommand) {
        mailbox.post(command)
    }

    deinit {
        // No legs are left (each holds the engine); let the thread finish on its own.
        if !shutDown.load(ordering: .acquiring) { mailbox.requestStop() }
    }
}
