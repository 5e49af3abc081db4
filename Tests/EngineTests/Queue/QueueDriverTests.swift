import CallgateCore
import Engine
import Logging
import Testing

/// The real queue driver and the real QueueMachine, with fake legs and a manual clock: the races
/// that only whole-engine tests reached before (an offer withdrawn while its INVITE is in
/// flight, an agent unregistering mid-offer) run here in milliseconds.
@Suite struct QueueDriverTests {
    struct Rig {
        let clock = ManualClock()
        let dialer: FakeDialer
        let directory = FakeDirectory()
        let driver: QueueDriver<ManualClock>

        init(holdDials: Bool = false, queue: QueueSettings = QueueSettings(name: "support", ringTimeoutSeconds: 15, wrapUpSeconds: 10),
             agents: [String] = ["1001"]) {
            dialer = FakeDialer(holdDials: holdDials)
            driver = QueueDriver(queues: [queue], agents: agents.map { AgentProfile(extension: $0, name: "Agent \($0)", queues: ["support"]) },
                                 dialer: dialer, contacts: directory, events: directory, queueLog: directory, clock: clock,
                                 wallTime: 1_800_000_000, logger: Logger(label: "test"))
            for agent in agents { directory.register(agent) }
        }

        func start() async { await driver.start(registered: directory.registeredAgents) }

        func join(_ callID: String = "c1") async -> FakeCaller {
            let caller = FakeCaller()
            await driver.join(caller, ticket: CallerTicket(callID: callID, queue: "support", callerNumber: "+15550100", callerName: "Ann"),
                              vars: ["account": "42"])
            return caller
        }

        func status(_ agent: String) async -> AgentStatus.Kind? {
            await driver.snapshot().agents.first { $0.extension == agent }?.status.kind
        }
    }

    @Test func anAnsweredOfferBridgesAndTheAgentsHangupSendsTheCallerBack() async throws {
        let rig = Rig()
        await rig.start()
        let caller = await rig.join()
        #expect(await eventually { rig.dialer.legs.count == 1 })
        let leg = try #require(rig.dialer.legs.first)
        #expect(leg.request.uri == "sip:1001@127.0.0.1:5060")
        #expect(leg.request.callerNumber == "+15550100" && leg.request.callerName == "Ann")
        #expect(leg.request.headers["X-Callgate-Var-account"] == "42", "the screen pop carries the call's vars")
        #expect(await rig.status("1001") == .ringing)

        await leg.answer()
        #expect(await eventually { caller.steps.contains(.bridged(recording: false)) })
        #expect(await rig.status("1001") == .onCall)
        #expect(rig.directory.eventTypes.contains("call.offered") && rig.directory.eventTypes.contains("call.connected"))

        rig.clock.advance(by: .seconds(90))
        await leg.hungUp()
        #expect(await eventually { caller.steps.contains(.left("agent_hangup")) })
        #expect(caller.steps.contains(.unbridged))
        #expect(await rig.status("1001") == .wrapUp)
        rig.clock.advance(by: .seconds(10))
        #expect(await eventually { await rig.status("1001") == .available }, "wrap-up ends on the driver's clock")
        await rig.driver.flushQueueLog()
        let log = rig.directory.queueLog.map(\.event.rawValue)
        #expect(log.contains("enter") && log.contains("connect") && log.contains("complete_agent"), "\(log)")
        #expect(await rig.driver.callerCount == 0)
    }

    @Test func anOfferWithdrawnWhileItsInviteIsInFlightIsCancelledAndItsLateAnswerHungUp() async throws {
        let rig = Rig(holdDials: true)
        await rig.start()
        let caller = await rig.join()
        #expect(await eventually { rig.dialer.heldCount == 1 }, "the INVITE is on its way")
        await rig.driver.callerLeft("c1", reason: "hangup")   // the caller gives up meanwhile
        #expect(await rig.status("1001") == .available)
        rig.dialer.release()
        let leg = try #require(rig.dialer.legs.first)
        #expect(await eventually { leg.hangUpCount == 1 }, "the leg is CANCELled once the INVITE has gone out")
        await leg.answer()   // the answer crossed the CANCEL
        #expect(leg.hangUpCount == 2, "a late answer is hung up")
        await leg.refuse(487)
        #expect(!caller.steps.contains(.bridged(recording: false)))
        #expect(await rig.status("1001") == .available, "the withdrawn offer's leg changes nothing")
        #expect(!rig.directory.eventTypes.contains("call.offered"))
    }

    @Test func anAgentUnregisteringMidOfferIsNoLongerRungAndTheCallerWaitsOn() async throws {
        let rig = Rig(agents: ["1001", "1002"])
        await rig.start()
        let caller = await rig.join()
        #expect(await eventually { rig.dialer.legs.count == 1 })
        let first = try #require(rig.dialer.legs.first)
        let agent = first.request.uri.contains("1001") ? "1001" : "1002"
        await rig.driver.registration(agent, reachable: false)
        #expect(await eventually { first.hangUpCount == 1 }, "the ringing phone is cancelled")
        await first.refuse(487)
        #expect(rig.dialer.legs.count == 1, "the next offer waits for retry_delay")
        rig.clock.advance(by: .seconds(5))
        #expect(await eventually { rig.dialer.legs.count == 2 }, "then the caller is offered to the other agent")
        let second = rig.dialer.legs[1]
        #expect(!second.request.uri.contains(agent))
        #expect(caller.steps == [.music("moh.wav")], "the caller still waits with music")
        await second.answer()
        #expect(await eventually { caller.steps.contains(.bridged(recording: false)) })
    }

    @Test func theRingTimeoutAndTheQueueTimeoutRunOnTheInjectedClock() async throws {
        let rig = Rig(queue: QueueSettings(name: "support", maxWaitSeconds: 40, ringTimeoutSeconds: 15, retryDelaySeconds: 5))
        await rig.start()
        let caller = await rig.join()
        #expect(await eventually { rig.dialer.legs.count == 1 })
        let leg = rig.dialer.legs[0]
        rig.clock.advance(by: .seconds(14))
        #expect(leg.hangUpCount == 0)
        rig.clock.advance(by: .seconds(1))
        #expect(await eventually { leg.hangUpCount == 1 }, "no answer within ring_timeout: cancelled")
        await leg.refuse(487)
        rig.clock.advance(by: .seconds(25))
        #expect(await eventually { caller.steps.contains(.left("timeout")) }, "\(caller.steps)")
        guard case .object(let left)? = rig.directory.events.last(where: { $0.type == "queue.left" })?.data else { Issue.record("no queue.left"); return }
        #expect(left["reason"] == "timeout")
    }

    @Test func aQueueThatDoesNotExistIsRefusedAtOnce() async {
        let rig = Rig()
        await rig.start()
        let caller = FakeCaller()
        await rig.driver.join(caller, ticket: CallerTicket(callID: "c9", queue: "sales"), vars: [:])
        #expect(caller.steps == [.unavailable("there is no queue named sales")])
    }
}

extension FakeDirectory {
    var registeredAgents: [String] { ["1001", "1002"] }
}

/// Agents' choices survive a restart; a clean shutdown writes their logout lines.
@Suite struct AgentChoiceTests {
    actor MemoryChoices: AgentChoiceStore {
        var saved: [String: AgentChoice] = [:]
        func savedChoices() async throws -> [String: AgentChoice] { saved }
        func save(_ choice: AgentChoice, for agent: String) async throws { saved[agent] = choice }
    }

    func driver(_ choices: MemoryChoices, _ directory: FakeDirectory) -> QueueDriver<ManualClock> {
        QueueDriver(queues: [QueueSettings(name: "support"), QueueSettings(name: "sales")],
                    agents: ["1001", "1002", "1003"].map { AgentProfile(extension: $0, name: $0, queues: ["support", "sales"]) },
                    dialer: FakeDialer(), contacts: directory, events: directory, queueLog: directory, choices: choices,
                    clock: ManualClock(), wallTime: 1_800_000_000, logger: Logger(label: "test"))
    }

    @Test func pausedLoggedOutAndPartlyLoggedInAgentsComeBackAsTheyWere() async throws {
        let choices = MemoryChoices(), directory = FakeDirectory()
        let before = driver(choices, directory)
        await before.start(registered: [])
        try await before.control(.agentPause("1001", reason: "lunch"))
        try await before.control(.agentLogout("1002"))
        try await before.control(.agentLogout("1003"))
        try await before.control(.agentLogin("1003", queues: ["sales"]))
        await before.shutdown()
        let logouts = directory.queueLog.filter { $0.event == .logout }.map { $0.agent ?? "" }
        #expect(Set(logouts).isSuperset(of: ["1001", "1003"]), "a clean shutdown writes the logged-in agents' logout lines")

        let after = driver(choices, FakeDirectory())
        await after.start(registered: [])
        let agents = Dictionary(uniqueKeysWithValues: await after.snapshot().agents.map { ($0.extension, $0) })
        #expect(agents["1001"]?.status == .paused(reason: "lunch"))
        #expect(agents["1002"]?.status == .loggedOut)
        #expect(agents["1003"]?.status.isLoggedIn == true && agents["1003"]?.queues == ["sales"])
        #expect(await choices.saved["1001"] == .paused(reason: "lunch"), "the shutdown's logouts are not the agents' choice")
    }

    @Test func aRefusedControlSavesNothing() async {
        let choices = MemoryChoices(), directory = FakeDirectory()
        let queues = driver(choices, directory)
        await queues.start(registered: [])
        await #expect(throws: ACDError.self) { try await queues.control(.agentLogin("1001", queues: ["billing"])) }
        #expect(await choices.saved.isEmpty)
    }
}
