import CSystem
import Logging

/// The media thread's loop: one epoll wait over every leg's sockets, the mailbox doorbell and the
/// 20 ms tick timer. Commands run first on every wake-up, so a command posted before a packet was
/// sent is always applied before that packet is handled.
///
/// - warning: Created and run on the media thread, and only ever touched there. All legs' state
///   lives here; other threads talk to it only through the `Mailbox`.
final class MediaLoop {
    /// A thread that wakes this late has ticks to catch up; beyond this many, ticks are dropped
    /// (the far end's jitter buffer absorbs a short burst, not seconds of audio at once).
    static let maxCatchUpTicks: UInt64 = 5
    static let maxDatagramsPerWake = 64

    let epoll: Epoll
    let mailbox: Mailbox
    let timer: TickTimer
    let ports: PortPool
    let rtpTimeout: Duration
    let logger: Logger
    let owner = ThreadOwner()

    var legs: [LegID: LegState] = [:]
    /// Conference rooms with at least one member.
    var rooms: [RoomID: RoomState] = [:]
    /// RTP and RTCP socket → leg. RTCP is read only to keep its buffer empty; its content is ignored.
    private var sockets: [Int32: (leg: LegID, isRTCP: Bool)] = [:]
    private var datagram = [UInt8](repeating: 0, count: 2048)

    init(epoll: Epoll, mailbox: Mailbox, timer: TickTimer, ports: PortPool, rtpTimeout: Duration, logger: Logger) {
        self.epoll = epoll
        self.mailbox = mailbox
        self.timer = timer
        self.ports = ports
        self.rtpTimeout = rtpTimeout
        self.logger = logger
    }

    /// Runs until the engine stops, then closes every leg ("hangup" for their recordings).
    func run() {
        owner.assertCurrent("MediaLoop.run")
        var ready: [Int32] = []
        var buffer = [epoll_event](repeating: epoll_event(), count: 64)
        while true {
            if !applyCommands() { break }
            epoll.wait(into: &ready, buffer: &buffer)
            if !applyCommands() { break }
            let now = MonotonicTime.now()
            for fd in ready {
                if fd == mailbox.doorbell.fd {
                    mailbox.doorbell.drain()
                } else if fd == timer.fd {
                    tick(count: timer.expirations())
                } else if let socket = sockets[fd] {
                    drain(fd, of: socket.leg, isRTCP: socket.isRTCP, now: now)
                }
            }
        }
        for id in Array(legs.keys) { close(id) }
    }

    /// Applies everything posted; false once the engine is stopping.
    private func applyCommands() -> Bool {
        let (commands, stopping) = mailbox.take()
        let now = MonotonicTime.now()
        for command in commands { apply(command, now: now) }
        return !stopping
    }

    private func apply(_ command: MediaCommand, now: MonotonicTime) {
        switch command {
        case .open(let setup): open(setup, now: now)
        case .setRemote(let id, let address, let codec, let event):
            legs[id]?.setRemote(address, codec: codec, telephoneEvent: event, now: now)
        case .setLatching(let id, let latch): legs[id]?.latch = latch
        case .setCrypto(let id, let keys): legs[id]?.setCrypto(keys)
        case .setSending(let id, let enabled): legs[id]?.setSending(enabled, now: now)
        case .play(let id, let clip, let clipID): legs[id]?.play(clip, id: clipID)
        case .stopPlayback(let id): legs[id]?.stopPlayback(now: now)
        case .playMusic(let id, let clip): legs[id]?.playMusic(clip)
        case .startRecording(let id, let request):
            if let leg = legs[id] {
                leg.startRecording(request, now: now)
            } else {
                try? request.writer.close()
            }
        case .stopRecording(let id, let reason): legs[id]?.finishRecording(reason: reason)
        case .pauseRecording(let id, let paused): legs[id]?.setRecordingPaused(paused)
        case .bridge(let first, let second, let writer):
            if let a = legs[first], let b = legs[second] {
                leaveRoom(first)
                leaveRoom(second)
                a.bridge(with: b, now: now)
                if let writer { a.recordBridge(BridgeRecording(writer: writer)) }
            } else {
                try? writer?.close()
            }
        case .unbridge(let id): legs[id]?.unbridge()
        case .echo(let id, let enabled):
            if enabled { leaveRoom(id) }
            legs[id]?.echo(enabled, now: now)
        case .analyse(let id, let request): legs[id]?.startAnalysis(request, now: now)
        case .joinRoom(let id, let room, let muted, let audience): join(id, room: room, muted: muted, audience: audience)
        case .leaveRoom(let id): leaveRoom(id)
        case .setSeat(let room, let id, let muted, let audience): setSeat(id, in: room, muted: muted, audience: audience)
        case .closeRoom(let room): closeRoom(room)
        case .close(let id): close(id)
        }
    }

    private func open(_ setup: LegSetup, now: MonotonicTime) {
        var legLogger = logger
        legLogger[metadataKey: "media.leg"] = "\(setup.id)"
        do {
            try epoll.add(setup.rtp.fd)
            try epoll.add(setup.rtcp.fd)
        } catch {
            // Without epoll the leg would be deaf: close it, which its owner sees as a finished stream.
            logger.error("cannot watch the leg's sockets", metadata: ["error": "\(error)"])
            for socket in [setup.rtp, setup.rtcp] {
                epoll.remove(socket.fd)
                socket.close()
            }
            ports.release(setup.port)
            setup.events.finish()
            return
        }
        sockets[setup.rtp.fd] = (setup.id, false)
        sockets[setup.rtcp.fd] = (setup.id, true)
        legs[setup.id] = LegState(setup, rtpTimeout: rtpTimeout, logger: legLogger, now: now)
    }

    private func close(_ id: LegID) {
        guard legs[id] != nil else { return }
        leaveRoom(id)
        guard let leg = legs.removeValue(forKey: id) else { return }
        leg.unbridge()
        leg.finishRecording(reason: "hangup")
        for socket in [leg.rtp, leg.rtcp] {
            epoll.remove(socket.fd)
            sockets[socket.fd] = nil
            socket.close()
        }
        ports.release(leg.port)
        leg.events.finish()
    }

    private func tick(count: UInt64) {
        if count > Self.maxCatchUpTicks {
            logger.warning("media thread fell behind", metadata: ["ticks": "\(count)", "dropped": "\(count - Self.maxCatchUpTicks)"])
        }
        for _ in 0..<min(count, Self.maxCatchUpTicks) {
            let now = MonotonicTime.now()
            // Rooms first: a member whose own clip plays gets the clip from its tick, not the mix.
            for room in rooms.values { mix(room) }
            for leg in legs.values { leg.tick(now: now) }
        }
    }

    /// Reads what is waiting on one socket, a bounded number per wake-up so that one flooded
    /// socket cannot starve the others or the ticks (epoll is level-triggered: the rest waits).
    private func drain(_ fd: Int32, of id: LegID, isRTCP: Bool, now: MonotonicTime) {
        guard let leg = legs[id] else { return }
        let socket = isRTCP ? leg.rtcp : leg.rtp
        for _ in 0..<Self.maxDatagramsPerWake {
            guard let (count, source) = socket.receive(into: &datagram) else { return }
            if !isRTCP { leg.receive(Array(datagram[0..<count]), from: source, now: now) }
        }
    }
}
