import Logging
import Synchronization

/// callgate's SIP front: Sofia-SIP (nua) on its own thread behind a small Sendable API that
/// knows nothing of scenarios or media. Calls come out as ``SIPEvent``s on ``events``; the
/// engine answers with the methods below, passing SDP as strings (see ``SessionDescription``).
///
/// Lifecycle: `start()` once, then `shutdown()` once. Methods called before `start` or after
/// `shutdown` do nothing (or throw ``SIPError/notRunning``).
///
/// - warning: Every Sofia call happens on the Sofia thread, inside ``SofiaAgent``, an actor whose
///   executor is that thread. Nothing else in callgate may call Sofia.
public final class SIPStack: Sendable {
    /// Single consumer: the engine. Finishes after `shutdown()`.
    public let events: AsyncStream<SIPEvent>
    private let agent: SofiaAgent
    private let loop: SofiaLoop
    private let logger: Logger
    private let phase = Mutex<Phase>(.new)
    /// Sweeps the TCP connections peers hold open (idle, over the caps) once a second.
    private let tcpGuard = Mutex<Task<Void, Never>?>(nil)

    private enum Phase { case new, starting, running, stopped }

    public init(settings: SIPSettings, logger: Logger) {
        let (stream, continuation) = AsyncStream.makeStream(of: SIPEvent.self, bufferingPolicy: .unbounded)
        self.events = stream
        self.logger = logger
        self.loop = SofiaLoop(logger: logger)
        self.agent = SofiaAgent(settings: settings, logger: logger, loop: loop, events: continuation)
    }

    /// Starts the Sofia thread and binds UDP and TCP on `settings.listen`.
    /// - Throws: ``SIPError/bind(_:)`` (e.g. "Address already in use"), ``SIPError/notRunning``
    ///   if called twice.
    public func start() async throws {
        let mayStart = phase.withLock { phase in
            guard phase == .new else { return false }
            phase = .starting
            return true
        }
        guard mayStart else { throw SIPError.notRunning }
        guard await loop.start(), let root = loop.root else {
            phase.withLock { $0 = .stopped }
            throw SIPError.bind("could not start the Sofia-SIP event loop")
        }
        do {
            try await agent.bind(root: root)
        } catch {
            logger.error("\(error)")
            await agent.stopLoop()
            await loop.join()
            phase.withLock { $0 = .stopped }
            throw error
        }
        phase.withLock { $0 = .running }
        let agent = self.agent
        tcpGuard.withLock {
            $0 = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(1))
                    await agent.sweepTCPConnections()
                }
            }
        }
    }

    private var isRunning: Bool { phase.withLock { $0 == .running } }

    /// Call handles Sofia holds for the engine (calls up, and INVITEs turned away that have not
    /// ended yet): 0 when idle. For the health view and the leak tests.
    public func heldHandles() async -> Int {
        guard isRunning else { return 0 }
        return await agent.heldHandles
    }

    /// 180 Ringing.
    public func ring(_ leg: LegID) async {
        guard isRunning else { return }
        await agent.ring(leg)
    }

    /// 183 Session Progress with SDP (early media).
    public func progress(_ leg: LegID, sdp: String) async {
        guard isRunning else { return }
        await agent.progress(leg, sdp: sdp)
    }

    /// 200 OK with SDP (the answer, or for a late-offer INVITE our offer).
    public func answer(_ leg: LegID, sdp: String) async {
        guard isRunning else { return }
        await agent.answer(leg, sdp: sdp)
    }

    /// A final error response with its standard phrase (status outside 300...699 becomes 500).
    public func reject(_ leg: LegID, status: Int, retryAfter: Int? = nil) async {
        guard isRunning else { return }
        await agent.reject(leg, status: status, retryAfter: retryAfter)
    }

    /// BYE for an answered leg (deferred until the ACK for our 200 OK), CANCEL for an unanswered
    /// outbound leg (then `.failed(487)`), 480 for an unanswered inbound one.
    public func hangup(_ leg: LegID) async {
        guard isRunning else { return }
        await agent.hangup(leg)
    }

    /// 200 OK with SDP for the re-INVITE reported by `.reinvite`.
    public func acceptReinvite(_ leg: LegID, sdp: String) async {
        guard isRunning else { return }
        await agent.acceptReinvite(leg, sdp: sdp)
    }

    /// Refuses a pending re-INVITE (488 Not Acceptable Here); the dialog and its media stay as they were.
    public func refuseReinvite(_ leg: LegID, status: Int = 488) async {
        guard isRunning else { return }
        await agent.refuseReinvite(leg, status: status)
    }

    /// The answer to the REFER reported by `.refer`: 202 to take the transfer on, or 400/403/...
    public func answerRefer(_ leg: LegID, status: Int) async {
        guard isRunning else { return }
        await agent.answerRefer(leg, status: status)
    }

    /// A NOTIFY of the accepted REFER's progress (`SIP/2.0 100 Trying`, then the final status with
    /// `final`, which terminates the subscription).
    public func notifyRefer(_ leg: LegID, status: Int, final: Bool) async {
        guard isRunning else { return }
        await agent.notifyRefer(leg, status: status, final: final)
    }

    /// The Call-ID and tags of an answered inbound leg (the dialog a Replaces may name); nil when
    /// the leg is outbound, unanswered or gone.
    public func dialogID(of leg: LegID) async -> SIPDialogID? {
        guard isRunning else { return nil }
        return await agent.dialogID(of: leg)
    }

    /// Sends an INVITE with `sdp` as the offer. `from` is the From header (display name and
    /// user: the caller's name and number, a screen pop); its host defaults to ours. `headers`
    /// are added as is (e.g. X-Callgate-*); names must be tokens and values single-line.
    /// `nextHop`, when given, receives every request of the dialog instead of the URI's host
    /// (a phone behind a NAT: its NAT's address).
    public func call(to uri: String, from: SIPAddress, sdp: String, headers: [String: String], nextHop: String? = nil) async throws -> LegID {
        guard isRunning else { throw SIPError.notRunning }
        return try await agent.call(to: uri, from: from, sdp: sdp, headers: headers, nextHop: nextHop)
    }

    /// Sends OPTIONS to `uri` (a NAT keep-alive): true when the phone answered anything, false
    /// when it did not (Sofia's own 408 after the transaction timeout, or 503 for a transport
    /// that failed, such as a closed TCP connection).
    /// A stack that is not running probes nothing and says so as "answered": shutting down must
    /// not unregister anyone.
    public func ping(_ uri: String, via nextHop: String? = nil) async -> Bool {
        guard isRunning else { return true }
        return await withCheckedContinuation { continuation in
            Task {
                do {
                    try await agent.ping(uri, via: nextHop) { continuation.resume(returning: $0) }
                } catch {
                    // A URI Sofia refuses can never be reached; a stack stopping says nothing (above).
                    if case .invalidURI = error as? SIPError { continuation.resume(returning: false) } else { continuation.resume(returning: true) }
                }
            }
        }
    }

    /// Legs (inbound and outbound) not yet terminated.
    public var activeCalls: Int {
        get async {
            guard isRunning else { return 0 }
            return await agent.activeCalls
        }
    }

    /// Where each trunk's registration with its carrier stands (trunks with `register`), by name.
    public func trunkRegistrations() async -> [TrunkRegistrationStatus] {
        guard isRunning else { return [] }
        return await agent.trunkRegistrationStatuses
    }

    /// Sources refused now after failed logins (``AuthThrottle``), the longest-lasting first.
    public func authBans() async -> [AuthBan] {
        guard isRunning else { return [] }
        return await agent.activeBans()
    }

    /// BYE every established call, CANCEL or 503 pending ones, shut nua down, stop the thread.
    public func shutdown() async {
        let mayStop = phase.withLock { phase in
            guard phase == .running else { return false }
            phase = .stopped
            return true
        }
        guard mayStop else { return }
        tcpGuard.withLock { $0?.cancel(); $0 = nil }
        await agent.shutdown()
        await loop.join()
    }
}
