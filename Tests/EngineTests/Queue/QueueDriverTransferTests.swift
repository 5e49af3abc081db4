import CallgateCore
import Engine
import Testing

/// An operator transfers its caller: the queue holds still while the target rings, lets go of the
/// caller (operator to wrap-up) once it answers, and gives the caller back to the operator, or
/// to the scenario when the operator is gone, when it does not.
@Suite struct QueueDriverTransferTests {
    typealias Rig = QueueDriverTests.Rig

    /// A caller talking to 1001.
    func talking(_ rig: Rig) async throws -> (FakeCaller, FakeLeg) {
        await rig.start()
        let caller = await rig.join()
        #expect(await eventually { rig.dialer.legs.count == 1 })
        let leg = try #require(rig.dialer.legs.first)
        await leg.answer()
        #expect(await eventually { caller.steps.contains(.bridged(recording: false)) })
        return (caller, leg)
    }

    @Test func aCompletedTransferEndsTheOperatorsConversationWithoutSendingTheCallerBack() async throws {
        let rig = Rig()
        let (caller, operatorLeg) = try await talking(rig)
        #expect(await rig.driver.transferStarted("c1") == "1001")
        #expect(await rig.driver.transferStarted("c1") == nil, "one transfer at a time")
        await rig.driver.transferCompleted("c1")
        #expect(await rig.status("1001") == .wrapUp, "the operator's call is over: wrap-up")
        #expect(!caller.steps.contains(.left("agent_hangup")), "the caller stays with the transfer target")
        #expect(await rig.driver.callerCount == 0)
        await operatorLeg.hungUp()   // the phone's BYE after NOTIFY 200
        #expect(await rig.status("1001") == .wrapUp)
        #expect(rig.directory.events.contains { event in
            guard event.type == "queue.left", case .object(let data)? = event.data else { return false }
            return data["reason"] == .string("transferred")
         })
        await rig.driver.flushQueueLog()
        #expect(rig.directory.queueLog.map(\.event.rawValue).contains("complete_agent"))
    }

    @Test func aFailedTransferGivesTheCallerBackToAnOperatorStillThere() async throws {
        let rig = Rig()
        let (caller, _) = try await talking(rig)
        #expect(await rig.driver.transferStarted("c1") == "1001")
        #expect(await rig.driver.transferFailed("c1"), "the operator is still on the line")
        #expect(await rig.status("1001") == .onCall)
        #expect(await rig.driver.transferStarted("c1") == "1001", "it may try again")
        #expect(!caller.steps.contains(.left("agent_hangup")))
    }

    @Test func anOperatorWhoHungUpWhileTheTargetRangSendsTheCallerBackToTheScenarioWhenItFails() async throws {
        let rig = Rig()
        let (caller, operatorLeg) = try await talking(rig)
        #expect(await rig.driver.transferStarted("c1") == "1001")
        await operatorLeg.hungUp()
        #expect(!caller.steps.contains(.left("agent_hangup")), "the transfer is still ringing: nothing yet")
        #expect(await rig.driver.transferFailed("c1") == false)
        #expect(await eventually { caller.steps.contains(.left("agent_hangup")) })
        #expect(await rig.status("1001") == .wrapUp)
    }

    @Test func aCallerStillWaitingCannotBeTransferred() async throws {
        let rig = Rig()
        await rig.start()
        _ = await rig.join()
        #expect(await rig.driver.transferStarted("c1") == nil)
        #expect(await rig.driver.transferStarted("nobody") == nil)
    }
}
