import Foundation
import Logging
import SIP

/// A tiny engine for the tests: runs a SIPStack on a free port, records every event, and (in
/// `.answer` mode) rings and answers each call with `SessionDescription.answer`, or rejects it
/// with 488; re-INVITEs are accepted the same way. Tests wait on conditions with a bound.
actor CallHarness {
    enum Mode {
        /// Ring, then answer (or 488).
        case answer
        /// Ring only; the test answers or hangs up.
        case ringOnly
        /// Record events only.
        case manual
    }

    let stack: SIPStack
    let port: UInt16
    var mode: Mode
    private(set) var events: [SIPEvent] = []
    /// Legs this harness has sent 200 OK for.
    private(set) var answeredLegs: [LegID] = []
    private var waiters: [UUID: (condition: @Sendable ([SIPEvent]) -> Bool, continuation: CheckedContinuation<Bool, Never>)] = [:]
    private var consumer: Task<Void, Never>?
    private var mediaPort = 40_000

    static let agentPassword = "demo1001"

    static func start(mode: Mode = .answer, configure: (inout SIPSettings) -> Void = { _ in }) async throws -> CallHarness {
        let port = FreePort.udpAndTCP()
        var settings = SIPSettings(listen: "127.0.0.1:\(port)", realm: "callgate",
                                   credentials: ["1001": DigestAuth.ha1(user: "1001", realm: "callgate", password: agentPassword)],
                                   maxCalls: 100)
        configure(&settings)
        var logger = Logger(label: "sip-test")
        logger.logLevel = ProcessInfo.processInfo.environment["SIP_TEST_LOG"] == nil ? .warning : .trace
        let stack = SIPStack(settings: settings, logger: logger)
        try await stack.start()
        let harness = CallHarness(stack: stack, port: port, mode: mode)
        await harness.consume()
        return harness
    }

    private init(stack: SIPStack, port: UInt16, mode: Mode) {
        self.stack = stack
        self.port = port
        self.mode = mode
    }

    func setMode(_ mode: Mode) { self.mode = mode }

    nonisolated var target: String { "127.0.0.1:\(port)" }

    private func consume() {
        let stack = stack
        consumer = Task { [weak self] in
            for await event in stack.events {
                await self?.record(event)
            }
        }
    }

    private func record(_ event: SIPEvent) async {
        events.append(event)
        for (id, waiter) in waiters where waiter.condition(events) {
            waiters[id] = nil
            waiter.continuation.resume(returning: true)
        }
        switch (mode, event) {
        case (.answer, .incomingCall(let call)) where call.sdp == nil:
            // Late offer: our 200 OK makes the offer.
            await stack.answer(call.leg, sdp: SessionDescription.offer(address: "127.0.0.1", port: nextMediaPort()))
            answeredLegs.append(call.leg)
        case (.answer, .incomingCall(let call)):
            await stack.ring(call.leg)
            if let answer = SessionDescription.answer(to: call.sdp ?? "", address: "127.0.0.1", port: nextMediaPort()) {
                await stack.answer(call.leg, sdp: answer.sdp)
                answeredLegs.append(call.leg)
            } else {
                await stack.reject(call.leg, status: 488)
            }
        case (.ringOnly, .incomingCall(let call)):
            await stack.ring(call.leg)
        case (.answer, .reinvite(let leg, let sdp)), (.ringOnly, .reinvite(let leg, let sdp)):
            let answer = SessionDescription.answer(to: sdp ?? "", address: "127.0.0.1", port: nextMediaPort())
            await stack.acceptReinvite(leg, sdp: answer?.sdp ?? SessionDescription.offer(address: "127.0.0.1", port: nextMediaPort()))
        default:
            break
        }
    }

    private func nextMediaPort() -> Int {
        mediaPort += 2
        return mediaPort
    }

    /// True once `condition` holds for the events so far; false if it still does not after `seconds`.
    func waitUntil(seconds: Double = 20, _ condition: @escaping @Sendable ([SIPEvent]) -> Bool) async -> Bool {
        if condition(events) { return true }
        let id = UUID()
        let timeout = Task { [weak self] in
            try? await Task.sleep(for: .seconds(seconds))
            await self?.expire(id)
        }
        defer { timeout.cancel() }
        return await withCheckedContinuation { continuation in
            waiters[id] = (condition, continuation)
        }
    }

    private func expire(_ id: UUID) {
        waiters.removeValue(forKey: id)?.continuation.resume(returning: false)
    }

    /// True once this harness has answered `count` calls; polls, bounded.
    func waitUntilAnswered(_ count: Int, seconds: Double = 20) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if answeredLegs.count >= count { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return false
    }

    /// True once the stack has no legs left (they go when Sofia reports them terminated, a
    /// moment after the last message); polls, bounded.
    func waitUntilIdle(seconds: Double = 20) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if await stack.activeCalls == 0 { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    func answerAll() async {
        for call in incomingCalls {
            if let answer = SessionDescription.answer(to: call.sdp ?? "", address: "127.0.0.1", port: nextMediaPort()) {
                await stack.answer(call.leg, sdp: answer.sdp)
                answeredLegs.append(call.leg)
            }
        }
    }

    var incomingCalls: [IncomingCall] {
        events.compactMap { if case .incomingCall(let call) = $0 { call } else { nil } }
    }

    func stop() async {
        await stack.shutdown()
        consumer?.cancel()
        for waiter in waiters.values { waiter.continuation.resume(returning: false) }
        waiters = [:]
    }
}

/// Event predicates for `waitUntil`.
enum Count {
    static func incoming(_ n: Int) -> @Sendable ([SIPEvent]) -> Bool {
        { $0.count { if case .incomingCall = $0 { true } else { false } } >= n }
    }

    static func hungUp(_ n: Int) -> @Sendable ([SIPEvent]) -> Bool {
        { $0.count { if case .hungUp = $0 { true } else { false } } >= n }
    }
}
