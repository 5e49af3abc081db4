import CallgateCore
import Config
import Engine
import Foundation
import HTTPAPI
import Logging
import Media
import ServiceLifecycle
import SIP
import Storage

/// Everything `callgate serve` runs, built from one configuration: the SIP front, the media
/// engine, the scenario runner, the call store and the HTTP API, in one service group whose
/// SIGTERM drains the calls.
public struct CallgateServer: Sendable {
    public static let version = "0.2.0"
    let config: CallgateConfig
    let logger: Logger

    public init(config: CallgateConfig, logger: Logger) {
        self.config = config
        self.logger = logger
    }

    /// Runs until SIGTERM or SIGINT, then ends every call cleanly and returns.
    public func run() async throws {
        let dataDirectory = config.dataDir.resolved
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let store = try CallStore(path: dataDirectory + "/callgate.sqlite")
        // Rows an engine killed mid-call (kill -9, OOM, power cut) left open: closed before any new call.
        let leftOpen = try await store.closeCallsLeftOpen(disposition: "engine_restart")
        if leftOpen > 0 {
            logger.warning("closed \(leftOpen) call record(s) left open by an engine that did not stop cleanly")
        }
        let credentials = Dictionary(config.agents.map { ($0.extension, $0.ha1) }, uniquingKeysWith: { first, _ in first })
        var sipSettings = SIPSettings(listen: "\(config.sip.listen.host):\(config.sip.listen.port)",
                                      publicAddress: config.sip.publicAddress, realm: config.sip.realm,
                                      userAgent: config.sip.userAgent, credentials: credentials,
                                      maxCalls: config.sip.maxCalls)
        sipSettings.transportLimits = TransportLimits(maxMessageBytes: config.sip.maxMessageBytes,
                                                      tcpIdleSeconds: config.sip.tcpIdleSeconds,
                                                      messageTimeoutSeconds: config.sip.messageTimeoutSeconds,
                                                      maxTCPConnectionsPerSource: config.sip.maxTCPConnectionsPerSource,
                                                      maxTCPConnections: config.sip.maxTCPConnections)
        sipSettings.authLimits = SecurityViews.authLimits(config.sip.auth)
        sipSettings.natKeepaliveSeconds = config.sip.natKeepaliveSeconds
        sipSettings.tls = try Self.tlsSettings(config, dataDirectory: dataDirectory)
        sipSettings.tlsOnlyUsers = Set(config.agents.filter { $0.transport == .tls }.map(\.extension))
        sipSettings.trunkAccounts = try TrunkAccounts.accounts(of: config)
        let sip = SIPStack(settings: sipSettings, logger: logger)
        let mediaEngine = try MediaEngine(address: config.rtp.address,
                                          portRange: UInt16(config.rtp.portMin)...UInt16(config.rtp.portMax + 1),
                                          rtpTimeout: .milliseconds(Int(config.rtp.timeoutSeconds * 1000)), logger: logger)
        let prompts = PromptLibrary(soundsDirectory: config.soundsDir.resolved, cacheDirectory: dataDirectory + "/cache",
                                    speechCommand: config.tts.command, defaultVoice: config.tts.voice, logger: logger)
        let scenarios = ScenarioHost(deadline: .milliseconds(Int(config.limits.scenarioDeadlineSeconds * 1000)),
                                     outputLimit: config.limits.scenarioOutputBytes, maxConcurrent: config.limits.scenarioProcesses,
                                     persistent: CallRouter.persistentRoutes(of: config), logger: logger)
        let registrar = await Registrar(store: store, maxContacts: config.sip.maxContactsPerAgent, clock: ContinuousClock(),
                                        wallTime: Date().timeIntervalSince1970, logger: logger)
        let router = CallRouter(config: config, scenarios: scenarios, store: store, logger: logger)
        let hub = EventHub()
        let dialer = SofiaDialer(sip: sip, mediaEngine: mediaEngine, rtpAddress: config.rtp.address,
                                 publicAddress: config.sip.publicAddress, codecs: CodecPolicy(config: config), logger: logger,
                                 latching: { [config] peer in config.latching(for: peer) },
                                 srtpPolicy: { [config] peer in LegSRTP.policy(config.srtpPolicy(for: peer)) },
                                 sdpAddress: { [config] host in config.sdpAddress(forPeer: host) })
        let queues = Queues(queues: config.queueSettings(), agents: config.agentProfiles(), dialer: dialer, contacts: TLSContacts(registrar: registrar, config: config),
                            events: hub, queueLog: store, choices: store,
                            callbackTargets: TransferTargetsFromConfig(config: config, registrar: registrar),
                            callbackEdge: SofiaCallbackEdge(store: store, hub: hub, dataDirectory: config.dataDir.resolved,
                                                            recordingFolder: RecordingFolder(dataDirectory: config.dataDir.resolved,
                                                                                             minimumFreeMB: config.limits.minFreeDiskMB),
                                                            logger: logger),
                            callbackStore: store, clock: ContinuousClock(), wallTime: Date().timeIntervalSince1970,
                            logger: logger)
        let conferences = Conferences(engine: mediaEngine, hub: hub, logger: logger)
        var services = EdgeServices(sip: sip, mediaEngine: mediaEngine, prompts: prompts, registrar: registrar, config: config,
                                    store: store, hub: hub, dialer: dialer, conferences: conferences)
        services.queues = queues
        let supervisions = Supervisions(config: config, logger: logger)
        services.supervisions = supervisions
        await supervisions.attach(services)
        await router.attach(services)
        await registrar.observe { agent, reachable in await queues.registration(agent, reachable: reachable) }
        await queues.start(registered: await registrar.registeredExtensions())
        if config.sip.natKeepaliveSeconds > 0 {
            await registrar.startKeepalives(every: .seconds(config.sip.natKeepaliveSeconds), prober: sip)
        }
        try await sip.start()
        logger.info("SIP listening on \(config.sip.listen.host):\(config.sip.listen.port) (UDP and TCP\(config.sip.tls.map { "; TLS on \($0.listen)" } ?? "")), RTP \(config.rtp.portMin)-\(config.rtp.portMax)")

        let started = ContinuousClock.now
        var operations = Operations(queues: queues, agentExtensions: Set(config.agents.map(\.extension)), hub: hub, statusProvider: {
            let up = started.duration(to: .now)
            let live = LiveObjects(sessions: LiveSessions.current, callEdges: SIPCallEdge.liveCount,
                                   sipHandles: await sip.heldHandles(), mediaLegs: mediaEngine.openLegs,
                                   scenarioRuns: scenarios.activeRuns)
            return EngineStatus(version: Self.version, activeCalls: await router.activeCalls,
                                registeredAgents: await registrar.registeredCount(),
                                uptimeSeconds: Double(up.components.seconds), live: live)
        })
        operations.securityProvider = { SecurityViews.view(await sip.authBans()) }
        operations.trunkProvider = { TrunkAccounts.views(await sip.trunkRegistrations()) }
        operations.rooms = conferences
        operations.supervisions = supervisions
        operations.router = router
        let campaigns = try await Campaigns.start(store: store, originator: router, queues: queues, hub: hub, logger: logger)
        operations.campaignEngine = campaigns
        operations.transferProvider = { call, target throws(CallTransferError) in try await router.apiTransfer(call: call, to: target) }
        operations.partyProvider = { call, target throws(CallTransferError) in try await router.apiAddParty(call: call, to: target) }
        if config.http.token == nil { logger.warning("http.token is not set: the /api endpoints refuse every request") }
        let http = HTTPAPI.application(host: config.http.listen.host, port: config.http.listen.port, version: Self.version,
                                       token: config.http.token ?? "", backend: operations,
                                       limits: HTTPLimits(idleTimeout: .seconds(config.http.idleTimeoutSeconds),
                                                          maxConnections: config.http.maxConnections,
                                                          maxWebSocketClients: config.http.maxWebSocketClients),
                                       logger: logger)
        let engine = EngineService(sip: sip, router: router, queues: queues, mediaEngine: mediaEngine, logger: logger)
        let retention = retentionServices(dataDirectory: dataDirectory, cacheDirectory: prompts.cacheDirectory)
        var groupConfiguration = ServiceGroupConfiguration(services: [engine, http] + retention + campaigns.services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        // A WebSocket client that stopped reading must not hold the shutdown up.
        groupConfiguration.maximumGracefulShutdownDuration = .seconds(10)
        try await ServiceGroup(configuration: groupConfiguration).run()
        hub.finishAll()
    }
}

/// The call-handling part of the server as one service: routes SIP events until a graceful
/// shutdown, then drains the calls and stops Sofia and the media thread.
struct EngineService: Service {
    let sip: SIPStack
    let router: CallRouter
    let queues: Queues
    let mediaEngine: MediaEngine
    let logger: Logger

    func run() async throws {
        let events = sip.events
        // Events keep flowing while the calls drain: a new INVITE then gets 503, a BYE still ends its call.
        let routing = Task {
            for await event in events { await router.handle(event) }
        }
        try? await gracefulShutdown()
        logger.info("shutting down: no new calls; ending the calls up")
        await router.drain(within: 5)
        await router.stopScenarioPools()
        await queues.shutdown()
        await sip.shutdown()
        routing.cancel()
        mediaEngine.shutdown()
        logger.info("callgate stopped cleanly")
    }
}
