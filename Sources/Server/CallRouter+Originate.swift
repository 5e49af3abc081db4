import CallgateCore
import Config
import Engine
import Foundation
import Media
import SIP

/// Calls the engine places on its own (`POST /api/calls`, `callgate call`, campaigns, callbacks):
/// the callee is dialed through the one dialer; once it answers, the call runs like any other —
/// a route's scenario gets `call.start` with `direction: outbound`, or an agent and the callee are
/// connected. An attempt nobody answers ends with a record saying why (docs/outbound.md).
extension CallRouter: Originator {
    /// The number From shows when the request names none.
    static let defaultCallerID = "callgate"

    func originate(_ request: OriginateRequest,
                   ended: @escaping @Sendable (CallRecord) async -> Void) async throws(OriginateRefusal) -> String {
        guard !draining else { throw OriginateRefusal(.unavailable, "the engine is shutting down") }
        guard calls.count < config.sip.maxCalls else {
            throw OriginateRefusal(.unavailable, "\(config.sip.maxCalls) calls are up already (sip.max_calls)")
        }
        let plan = try plan(request)
        let target = try await reach(plan.first)
        if case .agent = request.connect { _ = try await reach(plan.second ?? "") }   // refused now rather than after the first answers
        let id = CallIdentifiers.next()
        var logger = self.logger
        logger[metadataKey: "call.id"] = "\(id)"
        let callerID = request.callerID ?? Self.defaultCallerID
        let dialed = DialRequest(uri: target.uri, callerNumber: callerID, callerName: request.callerName,
                                 headers: request.headers.merging(["X-Callgate-Call-ID": id]) { _, ours in ours },
                                 peer: target.peer, nextHop: target.nextHop)
        let outbound = OutboundCall(dialer: services.dialer, ringSeconds: request.ringSeconds)
        let placed: any DialedLeg
        do {
            placed = try await services.dialer.dial(dialed) { event in await outbound.event(event) }
        } catch {
            logger.warning("could not dial \(LogText.quoted(plan.first)): \(error)")
            throw OriginateRefusal(.unavailable, "could not dial \(plan.first): \(error)")
        }
        guard let leg = placed as? SofiaDialedLeg else {
            await placed.hangUp()
            throw OriginateRefusal(.unavailable, "the dialer gave a leg it cannot hand over")
        }
        let edge = SIPCallEdge(callID: id, leg: leg.id, caller: SIPAddress(user: plan.first, host: "", displayName: nil), media: leg.media,
                               answerSDP: SessionDescription.offer(address: leg.address, port: Int(leg.media.localPort), formats: leg.formats,
                                                                   sessionID: leg.sdpSessionID),
                               services: services, codecs: leg.formats, outboundLeg: leg, logger: logger)
        await edge.useSRTP(leg.srtp)
        let startedAt = Date()
        await edge.describe(route: plan.routeName, startedAt: startedAt)
        let recorder = StoreRecorder(store: store, hub: services.hub, startedAt: startedAt, sipCallID: id, route: plan.routeName,
                                     scenario: plan.scenario, logger: logger)
        var configuration = plan.configuration
        configuration.machineDetection = request.machineDetection
        let info = CallInfo(id: id, from: callerID, to: plan.first, direction: .outbound, state: .ringing)
        let session = CallSession(call: info, vars: plan.vars.merging(request.vars) { _, asked in asked }, configuration: configuration,
                                  edge: edge, executor: plan.executor, recorder: recorder, clock: ContinuousClock(), logger: logger,
                                  dialer: services.dialer, transferTargets: TransferTargetsFromConfig(config: config, registrar: services.registrar),
                                  callerName: request.callerName ?? callerID)
        await edge.attach({ [weak session] input in await session?.deliver(input) }, vars: { [weak session] in await session?.vars ?? [:] })
        calls[leg.id] = (session, edge)
        outboundCalls[leg.id] = outbound
        logger.info("originating a call to \(LogText.quoted(plan.first)) (\(plan.routeName))")
        await session.begin()
        await outbound.started(leg: leg, session: session, edge: edge)
        Task {
            let record = await session.waitUntilEnded()
            await self.forget(leg.id)
            await ended(record)
        }
        return id
    }

    /// Whom to dial first, what then runs, and how the call is described in its record.
    struct OriginatePlan {
        var first: String
        var second: String?
        var executor: any ScenarioExecutor
        var routeName: String
        var scenario: String
        var vars: [String: JSONValue]
        var configuration: CallConfiguration
    }

    func plan(_ request: OriginateRequest) throws(OriginateRefusal) -> OriginatePlan {
        switch request.connect {
        case .route(let number):
            guard let route = config.route(forDialed: number) else {
                throw OriginateRefusal(.notFound, "no route matches \(LogText.quoted(number))")
            }
            return OriginatePlan(first: request.to, executor: executor(for: route), routeName: route.match.text,
                                 scenario: route.scenario.written, vars: route.vars, configuration: config.callConfiguration(for: route))
        case .agent(let agent, let agentFirst):
            guard config.agent(extension: agent) != nil else {
                throw OriginateRefusal(.notFound, "no agent has extension \(LogText.quoted(agent))")
            }
            let (first, second) = agentFirst ? (agent, request.to) : (request.to, agent)
            return OriginatePlan(first: first, second: second, executor: ConnectDial(to: second, ringSeconds: request.ringSeconds),
                                 routeName: agentFirst ? "agent-first" : "agent", scenario: "(connect \(first) and \(second))",
                                 vars: [:], configuration: CallConfiguration())
        case .queue(let queue, let window, let prompt):
            guard config.queues.contains(where: { $0.name == queue }) else {
                throw OriginateRefusal(.notFound, "no queue named \(LogText.quoted(queue))")
            }
            return OriginatePlan(first: request.to, executor: QueueConnect(queue: queue, connectWindow: window, abandonPrompt: prompt),
                                 routeName: "queue \(queue)", scenario: "(connect to queue \(queue))", vars: [:],
                                 configuration: CallConfiguration())
        }
    }

    /// Where `number` rings: a registered agent's phone, or a trunk that allows it.
    func reach(_ number: String) async throws(OriginateRefusal) -> DialTarget {
        switch await TransferTargetsFromConfig(config: config, registrar: services.registrar).resolve(number) {
        case .success(let target):
            return target
        case .failure(let refusal):
            let kind: OriginateRefusal.Kind = config.agent(extension: number) != nil ? .notFound : .notAllowed
            throw OriginateRefusal(kind, refusal.description)
        }
    }
}

