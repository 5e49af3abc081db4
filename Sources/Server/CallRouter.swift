import CallgateCore
import Config
import Engine
import Foundation
import Logging
import Media
import SIP
import Storage

/// Takes every SIP event: starts a session for each new call on the route its dialed number
/// matches, and hands the rest (hangups, digits, hold, transfer legs) to the call they belong to.
actor CallRouter {
    let config: CallgateConfig
    let scenarios: ScenarioHost
    let store: CallStore
    let logger: Logger
    private(set) var services: EdgeServices!
    var calls: [LegID: (session: CallSession<ContinuousClock>, edge: SIPCallEdge)] = [:]
    /// Agents' calls to colleagues (the consultation calls an attended transfer may replace), by
    /// the agent's inbound leg.
    var consultations: [LegID: ConsultationCall] = [:]
    /// Calls the engine placed, by their leg, until they end (CallRouter+Originate).
    var outboundCalls: [LegID: OutboundCall] = [:]
    var draining = false
    let admission: SetupAdmission
    /// Which codecs each caller is answered with.
    let codecPolicy: CodecPolicy

    init(config: CallgateConfig, scenarios: ScenarioHost, store: CallStore, logger: Logger) {
        self.config = config
        codecPolicy = CodecPolicy(config: config)
        self.scenarios = scenarios
        self.store = store
        self.logger = logger
        admission = SetupAdmission(limit: config.limits.callsInSetup)
    }

    /// The persistent routes, keyed by their place in the configuration, for the scenario host.
    static func persistentRoutes(of config: CallgateConfig) -> [(key: Int, path: String, workers: Int, deadline: Duration)] {
        config.routes.enumerated().filter { $0.element.persistent }.map { index, route in
            (key: index, path: route.scenario.resolved, workers: route.workerCount, deadline: config.scenarioDeadline(for: route))
        }
    }

    /// The executor of a new call on `route`: its persistent pool, or a process per event.
    func executor(for route: CallgateConfig.Route) -> any ScenarioExecutor {
        let fallback: String? = if case .scenario(let path) = route.fallback { path.resolved } else { nil }
        return scenarios.executor(route: config.routes.firstIndex(of: route) ?? -1, primary: route.scenario.resolved, fallback: fallback,
                                  deadline: config.scenarioDeadline(for: route), outputLimit: config.limits.scenarioOutputBytes)
    }

    /// SIGTERM, once the calls are drained: stop every persistent scenario's workers.
    func stopScenarioPools() async {
        await scenarios.shutdown()
    }

    func attach(_ services: EdgeServices) {
        self.services = services
    }

    var activeCalls: Int { calls.count }

    func handle(_ event: SIPEvent) async {
        switch event {
        case .incomingCall(let call):
            await incoming(call)
        case .cancelled(let leg), .hungUp(let leg):
            if let call = calls[leg] {
                // An originated call still ringing: its leg is the dialer's until the answer.
                if call.edge.isOutbound, await services.dialer.handle(event) { return }
                await call.session.deliver(.callerHungUp)
            } else if await services.supervisions?.phoneHungUp(leg) != true {
                await services.dialer.handle(event)
            }
        case .dtmf(let leg, let key):
            if let call = calls[leg] {
                await call.edge.sipDTMF(key)
            } else {
                _ = await services.supervisions?.dtmf(leg, key)
            }
        case .reinvite(let leg, let sdp):
            if let call = calls[leg] {
                await call.edge.reinvite(sdp)
            } else if await !services.dialer.reinvite(leg, sdp: sdp) {
                // Never echo the peer's own SDP back: it would send its RTP to itself.
                logger.notice("re-INVITE on a leg no call knows (any more): 488")
                await services.sip.refuseReinvite(leg, status: 488)
            }
        case .progress, .answered, .failed:
            await services.dialer.handle(event)
        case .registered(let registration):
            await services.registrar.update(registration)
        case .lateOfferAnswer(let leg, let sdp):
            if let call = calls[leg] {
                await call.edge.remoteAnswer(sdp)
            } else {
                _ = await services.dialer.lateOfferAnswer(leg, sdp: sdp)
            }
        case .refer(let leg, let request):
            await referred(leg, request)
        }
    }

    func incoming(_ call: IncomingCall) async {
        let sip = services.sip
        if draining {
            await sip.reject(call.leg, status: 503, retryAfter: 30)
            return
        }
        if let supervisor = call.authenticatedUser, let (mode, agent) = SupervisionMode.parse(dialed: call.requestUser) {
            await supervise(call, supervisor: supervisor, mode: mode, agent: agent)
            return
        }
        if let agent = call.authenticatedUser, let code = FeatureCode(rawValue: call.requestUser) {
            await featureCode(code, agent: agent, call: call)
            return
        }
        guard let ticket = admission.admit() else {
            logger.notice("503 for a new call: \(admission.limit) calls already in set-up (limits.calls_in_setup)",
                          metadata: ["sip.call_id": "\(call.callID)"])
            await sip.reject(call.leg, status: 503, retryAfter: config.limits.setupRetryAfterSeconds)
            return
        }
        // An agent dialing a colleague's extension reaches it directly; everyone else follows the routes.
        let colleague = colleagueDialed(by: call)
        let route = config.route(forDialed: call.requestUser)
        guard colleague != nil || route != nil else {
            logger.notice("no route for \(LogText.quoted(call.requestUser)): 404", metadata: ["sip.call_id": "\(call.callID)"])
            await sip.reject(call.leg, status: 404)
            return
        }
        let media: MediaLeg
        do {
            media = try services.mediaEngine.openLeg()
            media.latch(toCaller: call, config: config)
        } catch {
            logger.error("no media port for a new call: \(error)")
            await sip.reject(call.leg, status: 503, retryAfter: 5)
            return
        }
        let srtp = srtp(for: call)
        guard let localSDP = negotiate(call, media: media, srtp: srtp) else {
            logger.notice("no common codec with \(LogText.quoted(call.from.user)) (or no SRTP where srtp is \(srtp.policy.rawValue)): 488",
                          metadata: ["sip.call_id": "\(call.callID)"])
            media.close()
            await sip.reject(call.leg, status: 488)
            return
        }
        let id = CallIdentifiers.next()
        var logger = self.logger
        logger[metadataKey: "call.id"] = "\(id)"
        let edge = SIPCallEdge(callID: id, leg: call.leg, caller: call.from, media: media, answerSDP: localSDP,
                               services: services, setup: ticket,
                               codecs: codecPolicy.inbound(authenticatedUser: call.authenticatedUser, source: call.source),
                               logger: logger)
        await edge.useSRTP(srtp)
        let startedAt = Date()
        let routeName = colleague == nil ? route?.match.text ?? "" : "extension"
        await edge.describe(route: routeName, startedAt: startedAt)
        let executor: any ScenarioExecutor = if let route, colleague == nil { executor(for: route) } else {
            ExtensionDial(to: call.requestUser, ringSeconds: config.sip.transferRingSeconds)
        }
        let recorder = StoreRecorder(store: store, hub: services.hub, startedAt: startedAt, sipCallID: call.callID,
                                     route: routeName,
                                     scenario: colleague == nil ? route?.scenario.written ?? "" : "(agent to agent)", logger: logger)
        let info = CallInfo(id: id, from: call.from.user, to: call.requestUser, direction: .inbound, state: .ringing)
        let direct = colleague != nil
        let session = CallSession(call: info, vars: direct ? [:] : route?.vars ?? [:],
                                  configuration: direct ? CallConfiguration() : route.map(config.callConfiguration(for:)) ?? CallConfiguration(), edge: edge,
                                  executor: executor, recorder: recorder, clock: ContinuousClock(), logger: logger,
                                  dialer: services.dialer, transferTargets: TransferTargetsFromConfig(config: config, registrar: services.registrar),
                                  callerName: call.from.displayName ?? call.from.user)
        // Weakly: the session holds its edge, and the router's task holds the session until it ends.
        await edge.attach({ [weak session] input in await session?.deliver(input) }, vars: { [weak session] in await session?.vars ?? [:] })
        calls[call.leg] = (session, edge)
        if let colleague, let agent = call.authenticatedUser {
            consultations[call.leg] = ConsultationCall(sipCallID: call.callID, agent: agent, colleague: colleague)
        }
        logger.info("call from \(LogText.quoted(call.from.user)) to \(LogText.quoted(call.requestUser)) \(direct ? "(agent to agent)" : "on route \(route?.match.text ?? "")")")
        await sip.ring(call.leg)
        let leg = call.leg
        Task {
            await session.begin()
            _ = await session.waitUntilEnded()
            await self.forget(leg)
        }
    }

    /// Our SDP for a new call: the answer to its offer (the media leg pointed at the caller), or,
    /// for a late-offer INVITE without SDP, our offer — the caller's answer arrives with the ACK.
    /// nil when the offer has no codec we speak.
    func negotiate(_ call: IncomingCall, media: MediaLeg, srtp: LegSRTP = LegSRTP(.off)) -> String? {
        let codecs = codecPolicy.inbound(authenticatedUser: call.authenticatedUser, source: call.source)
        guard let offer = call.sdp else {
            return SessionDescription.offer(address: config.sdpAddress(for: call), port: Int(media.localPort), formats: codecs,
                                            srtp: srtp.policy, cryptos: srtp.offered)
        }
        guard let answer = SessionDescription.answer(to: offer, address: config.sdpAddress(for: call), port: Int(media.localPort),
                                                     codecs: codecs, srtp: srtp.policy, key: srtp.answerKey),
              media.applyCrypto(answer.crypto), media.follow(answer) else { return nil }
        return answer.sdp
    }

    /// The extension an authenticated agent dialed when it is another configured agent's.
    func colleagueDialed(by call: IncomingCall) -> String? {
        guard let agent = call.authenticatedUser, call.requestUser != agent, config.agent(extension: call.requestUser) != nil else { return nil }
        return call.requestUser
    }

    func forget(_ leg: LegID) {
        calls[leg] = nil
        outboundCalls[leg] = nil
        consultations[leg] = nil
    }

    /// SIGTERM: refuse new calls, end every call up with a clean BYE, wait (bounded) for their records.
    func drain(within seconds: Double) async {
        draining = true
        let sessions = calls.values.map(\.session)
        logger.info("shutting down: ending \(sessions.count) call(s)")
        for session in sessions { await session.deliver(.engineShutdown) }
        // Each call leaves `calls` once its record is saved; wait for that, never longer than the bound.
        let deadline = ContinuousClock.now + .seconds(seconds)
        while !calls.isEmpty && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }
}
