import CallgateCore
import Engine
import Logging
import Synchronization
import Testing

/// Callbacks through the real queue driver and machine, with fake legs and a manual clock: the
/// agent's offer, the customer's dial through the transfer targets, the bridge, the records.
@Suite struct CallbackDriverTests {
    /// Allows `+1555…` numbers through a pretend trunk; refuses the rest, as `serve`'s trunks do.
    struct Targets: TransferTargets {
        func resolve(_ number: String) async -> Result<DialTarget, TransferRefusal> {
            guard number.hasPrefix("+1555") else { return .failure(TransferRefusal("\(number) may not be dialed")) }
            return .success(DialTarget(uri: "sip:\(number)@127.0.0.1:5999", peer: .trunk("carrier")))
        }
    }

    /// Writes down ringbacks, bridges and the customer calls' records.
    final class Edge: CallbackEdge {
        private let state = Mutex<(ringbacks: Int, bridges: Int, records: [CallRecord])>((0, 0, []))
        func ringback(on leg: any DialedLeg) async { state.withLock { $0.ringbacks += 1 } }
        func bridge(customer: any DialedLeg, agent: any DialedLeg, recording: Bool, callID: String) async { state.withLock { $0.bridges += 1 } }
        func save(_ record: CallRecord, startedAt: Double) async { state.withLock { $0.records.append(record) } }
        var ringbacks: Int { state.withLock { $0.ringbacks } }
        var bridges: Int { state.withLock { $0.bridges } }
        /// The last record saved for each customer call.
        var records: [String: CallRecord] { state.withLock { Dictionary($0.records.map { ($0.id, $0) }) { _, last in last } } }
    }

    struct Rig {
        let clock = ManualClock()
        let dialer: FakeDialer
        let directory = FakeDirectory()
        let edge = Edge()
        let driver: QueueDriver<ManualClock>

        init(_ mode: CallbackMode, attempts: Int = 2, dialer: FakeDialer = FakeDialer()) {
            self.dialer = dialer
            var queue = QueueSettings(name: "support", ringTimeoutSeconds: 15, wrapUpSeconds: 0, announcePosition: false, announceWait: false)
            queue.callbackMode = mode
            queue.callbackAttempts = attempts
            queue.callbackRetrySeconds = 60
            queue.callbackCallerID = "+15550000"
            driver = QueueDriver(queues: [queue], agents: [AgentProfile(extension: "1001", name: "Agent 1001", queues: ["support"])],
                                 dialer: dialer, contacts: directory, events: directory, queueLog: directory,
                                 callbackTargets: Targets(), callbackEdge: edge, clock: clock, wallTime: 1_800_000_000,
                                 logger: Logger(label: "test"))
            directory.register("1001")
        }

        /// 1001 talks to c0; c1 waits, asks for a callback, and hangs up; then 1001's call ends.
        func callbackWaitsThenAgentFrees(number: String = "+15550100") async throws {
            await driver.start(registered: ["1001"])
            await driver.join(FakeCaller(), ticket: CallerTicket(callID: "c0", queue: "support", callerNumber: "+15559999"), vars: [:])
            #expect(await eventually { dialer.legs.count == 1 })
            dialer.release()
            await dialer.legs[0].answer()
            let waiting = FakeCaller()
            await driver.join(waiting, ticket: CallerTicket(callID: "c1", queue: "support", callerNumber: number, callerName: "Ann"),
                              vars: ["account": "42"])
            clock.advance(by: .seconds(30))
            await driver.callerLeft("c1", reason: "callback")
            await driver.callerLeft("c1", reason: "hangup")   // the call that asked ends: the callback goes on
            #expect(waiting.steps == [.music("moh.wav")], "the caller's side is not used after the request")
            await dialer.legs[0].hungUp()
        }

        func log() async -> [String] {
            await driver.flushQueueLog()
            return directory.queueLog.map { $0.event.rawValue + ($0.reason.map { "(\($0))" } ?? "") }
        }
    }

    @Test func agentFirstRingsTheAgentWithAScreenPopThenCallsTheCustomerAndBridges() async throws {
        let rig = Rig(.agentFirst)
        try await rig.callbackWaitsThenAgentFrees()
        #expect(await eventually { rig.dialer.legs.count == 2 }, "the freed agent is offered the callback")
        let agentLeg = rig.dialer.legs[1]
        #expect(agentLeg.request.headers["X-Callgate-Callback"] == "+15550100", "the agent sees it is a callback, and to whom")
        #expect(agentLeg.request.headers["X-Callgate-Var-account"] == "42", "with the caller's vars")
        await agentLeg.answer()
        #expect(await eventually { rig.dialer.legs.count == 3 }, "then the customer is dialed")
        let customer = rig.dialer.legs[2]
        #expect(customer.request.uri == "sip:+15550100@127.0.0.1:5999" && customer.request.peer == .trunk("carrier"))
        #expect(customer.request.callerNumber == "+15550000", "the queue's callback caller id")
        #expect(await eventually { rig.edge.ringbacks == 1 }, "the agent hears ringback meanwhile")
        await customer.answer()
        #expect(await eventually { rig.edge.bridges == 1 })
        rig.clock.advance(by: .seconds(60))
        await customer.hungUp()
        #expect(await eventually { agentLeg.hangUpCount == 1 }, "the customer hung up: the agent's leg ends")
        #expect(await rig.log() == ["login", "enter", "offer", "connect", "enter", "callback_requested", "complete_agent", "offer",
                                   "callback_attempt(1)", "callback_completed", "complete_caller"])
        await rig.driver.flushCallbackRecords()
        let record = try #require(rig.edge.records.values.first)
        #expect(record.direction == .outbound && record.to == "+15550100" && record.disposition == "completed")
        #expect(record.answeredAt != nil && record.vars["callback_of"] == .string("c1"))
        #expect(await rig.driver.callerCount == 0)
        #expect(await rig.driver.snapshot().agents[0].status.kind == .available)
    }

    @Test func customerFirstRetriesABusyCustomerInPlaceThenRingsTheReservedAgent() async throws {
        let rig = Rig(.customerFirst)
        try await rig.callbackWaitsThenAgentFrees()
        #expect(await eventually { rig.dialer.legs.count == 2 }, "the customer is dialed first")
        #expect(rig.dialer.legs[1].request.uri.hasPrefix("sip:+15550100@"))
        await rig.dialer.legs[1].refuse(486)
        #expect(await eventually { await rig.driver.snapshot().agents[0].status.kind == .available })
        rig.clock.advance(by: .seconds(60))
        #expect(await eventually { rig.dialer.legs.count == 3 }, "attempt 2 after callback_retry_seconds")
        await rig.dialer.legs[2].answer()
        #expect(await eventually { rig.dialer.legs.count == 4 }, "then the reserved agent's phone rings")
        #expect(rig.dialer.legs[3].request.headers["X-Callgate-Callback"] != nil)
        await rig.dialer.legs[3].answer()
        #expect(await eventually { rig.edge.bridges == 1 })
        await rig.dialer.legs[3].hungUp()
        #expect(await eventually { rig.dialer.legs[2].hangUpCount == 1 }, "the agent hung up: the customer's leg ends")
        let log = await rig.log()
        #expect(log.contains("callback_retry(busy)") && log.contains("callback_attempt(2)") && log.contains("callback_completed"), "\(log)")
        await rig.driver.flushCallbackRecords()
        let dispositions = rig.edge.records.values.map { $0.disposition ?? "-" }.sorted()
        #expect(dispositions == ["busy", "completed"], "one outbound record per customer call")
        #expect(await rig.driver.callerCount == 0)
    }

    @Test func aNumberNoTrunkAllowsIsNeverDialedAndTheCallbackIsDroppedAfterItsAttempts() async throws {
        let rig = Rig(.customerFirst, attempts: 2)
        try await rig.callbackWaitsThenAgentFrees(number: "+4930123")
        #expect(await eventually { await rig.log().contains("callback_retry(failed)") })
        rig.clock.advance(by: .seconds(60))
        #expect(await eventually { await rig.log().contains("callback_failed(failed)") })
        #expect(rig.dialer.legs.count == 1, "only the first caller's agent leg: the refused number was never dialed")
        #expect(await rig.driver.callerCount == 0)
        #expect(await rig.driver.snapshot().agents[0].status.kind == .available)
    }

    @Test func aCustomerWhoAnswersBeforeTheInviteReturnsIsStillBridged() async throws {
        let rig = Rig(.agentFirst, dialer: FakeDialer(holdDials: true))
        try await rig.callbackWaitsThenAgentFrees()
        #expect(await eventually { rig.dialer.heldCount == 1 }, "the agent's offer is on its way")
        rig.dialer.release()
        await rig.dialer.legs[1].answer()
        #expect(await eventually { rig.dialer.heldCount == 1 }, "the customer's INVITE is on its way")
        await rig.dialer.legs[2].answer()   // answered while `dial` has not returned yet
        #expect(rig.edge.bridges == 0, "no leg to bridge yet")
        rig.dialer.release()
        #expect(await eventually { rig.edge.bridges == 1 }, "bridged once the leg is known")
        await rig.dialer.legs[1].hungUp()
        #expect(await eventually { rig.dialer.legs[2].hangUpCount == 1 })
        await rig.driver.flushCallbackRecords()
        #expect(rig.edge.records["c1-cb1"]?.disposition == "completed")
    }

    /// Waiting callbacks in memory, shared by two drivers as a database file would be across a restart.
    final class Store: CallbackStore {
        private let saved = Mutex<[String: SavedCallback]>([:])
        func savedCallbacks() async throws -> [SavedCallback] { saved.withLock { $0.values.sorted { $0.joinedAt < $1.joinedAt } } }
        func save(_ callback: SavedCallback) async throws { saved.withLock { $0[callback.ticket.callID] = callback } }
        func remove(callID: String) async throws { _ = saved.withLock { $0.removeValue(forKey: callID) } }
        var ids: [String] { saved.withLock { $0.keys.sorted() } }
    }

    @Test func aWaitingCallbackSurvivesARestartAndIsCalledBackAfterIt() async throws {
        let store = Store()
        func driver(_ dialer: FakeDialer, _ directory: FakeDirectory, _ clock: ManualClock) -> QueueDriver<ManualClock> {
            var queue = QueueSettings(name: "support", joinEmpty: true, announcePosition: false, announceWait: false)
            queue.callbackMode = .customerFirst
            return QueueDriver(queues: [queue], agents: [AgentProfile(extension: "1001", name: "Agent 1001", queues: ["support"])],
                               dialer: dialer, contacts: directory, events: directory, queueLog: directory, callbackTargets: Targets(),
                               callbackEdge: Edge(), callbackStore: store, clock: clock, wallTime: 1_800_000_000, logger: Logger(label: "test"))
        }
        let before = driver(FakeDialer(), FakeDirectory(), ManualClock())
        await before.start(registered: [])
        await before.join(FakeCaller(), ticket: CallerTicket(callID: "c1", queue: "support", callerNumber: "+15550100"), vars: ["account": "42"])
        await before.callerLeft("c1", reason: "callback")
        await before.flushCallbackRecords()
        #expect(store.ids == ["c1"], "saved at the request")
        await before.shutdown()

        let dialer = FakeDialer(), directory = FakeDirectory()
        directory.register("1001")
        let after = driver(dialer, directory, ManualClock())
        await after.start(registered: ["1001"])
        #expect(await eventually { dialer.legs.count == 1 }, "called back after the restart")
        #expect(dialer.legs[0].request.uri.hasPrefix("sip:+15550100@"))
        await dialer.legs[0].answer()
        #expect(await eventually { dialer.legs.count == 2 })
        #expect(dialer.legs[1].request.headers["X-Callgate-Var-account"] == "42", "the vars came back too")
        await dialer.legs[1].answer()
        await after.flushQueueLog()
        await after.flushCallbackRecords()
        #expect(store.ids.isEmpty, "served: a later restart must not call again")
    }
}

