import CallgateCore
import Engine
import Logging
import Synchronization
import Testing

/// A transfer driven by the real session: the dialer's fake legs, the manual clock, the edge's
/// ringback and bridge. The transfer's timing and outcomes no longer need a whole engine.
@Suite struct TransferSessionTests {
    struct Targets: TransferTargets {
        func resolve(_ number: String) async -> Result<DialTarget, TransferRefusal> {
            number == "1002" ? .success(DialTarget(uri: "sip:1002@127.0.0.1:5062", peer: .agent("1002")))
                : .failure(TransferRefusal("\(number) may not be dialed"))
        }
    }

    struct Rig {
        let clock = ManualClock(), edge = RecordingEdge(), log = EventLog(), dialer = FakeDialer()
        let session: CallSession<ManualClock>

        init(to number: String = "1002", timeout: Int = 20) {
            let log = self.log
            session = CallSession(
                call: CallInfo(id: "t-1", from: "+15550100", to: "100"), vars: [:], configuration: .init(), edge: edge,
                executor: ScriptedExecutor(primary: { event in
                    log.append(event)
                    return event.event == .callStart
                        ? #"{"actions":[{"action":"transfer","to":"\#(number)","timeout":\#(timeout)}]}"#
                        : #"{"actions":[{"action":"hangup"}]}"#
                }),
                recorder: nil, clock: clock, logger: Logger(label: "test"), dialer: dialer, transferTargets: Targets(),
                callerName: "Ann")
        }

        /// The scenario's `transfer.done` result, once it came.
        var done: [String: JSONValue]? { log.all.first { $0.event == .transferDone }?.result }
    }

    @Test func anAnsweredTransferIsBridgedAndItsTalkTimeComesFromTheClock() async throws {
        let rig = Rig()
        await rig.session.begin()
        #expect(await eventually { rig.dialer.legs.count == 1 })
        let leg = rig.dialer.legs[0]
        #expect(leg.request.uri == "sip:1002@127.0.0.1:5062")
        #expect(leg.request.callerNumber == "+15550100" && leg.request.callerName == "Ann")
        #expect(leg.request.headers["X-Callgate-Call-ID"] == "t-1")
        #expect(await eventually { rig.edge.media == ["ringback"] })
        rig.clock.advance(by: .seconds(4))
        await leg.answer()
        #expect(rig.edge.media == ["ringback", "bridged"])
        rig.clock.advance(by: .seconds(62))
        await leg.hungUp()
        #expect(await eventually { rig.done != nil })
        #expect(rig.done?["reason"] == "ended")
        #expect(rig.done?["talk_seconds"] == 62)
        #expect(rig.edge.media.last == "unbridged")
        _ = await rig.session.waitUntilEnded()
    }

    @Test func aTargetThatDoesNotAnswerIsCancelledAtTheTimeoutOnTheClock() async throws {
        let rig = Rig(timeout: 20)
        await rig.session.begin()
        #expect(await eventually { rig.dialer.legs.count == 1 && rig.clock.sleeperCount == 1 })
        let leg = rig.dialer.legs[0]
        rig.clock.advance(by: .seconds(19))
        #expect(leg.hangUpCount == 0)
        rig.clock.advance(by: .seconds(1))
        #expect(await eventually { leg.hangUpCount == 1 }, "CANCEL at the ring timeout")
        await leg.refuse(487)
        #expect(await eventually { rig.done?["reason"] == "no_answer" })
        _ = await rig.session.waitUntilEnded()
    }

    @Test func aBusyTargetAndARefusedNumberEndTheTransferAtOnce() async throws {
        let busy = Rig()
        await busy.session.begin()
        #expect(await eventually { busy.dialer.legs.count == 1 })
        await busy.dialer.legs[0].refuse(486)
        #expect(await eventually { busy.done?["reason"] == "busy" })
        #expect(busy.done?["sip_status"] == 486)

        let refused = Rig(to: "+4420")
        await refused.session.begin()
        #expect(await eventually { refused.done != nil })
        #expect(refused.done?["reason"] == "failed")
        #expect(refused.done?["detail"] == "+4420 may not be dialed")
        #expect(refused.dialer.legs.isEmpty, "nothing is dialed for a refused number")
    }

    @Test func theCallerHangingUpWhileTheTargetRingsCancelsTheLeg() async throws {
        let rig = Rig()
        await rig.session.begin()
        #expect(await eventually { rig.dialer.legs.count == 1 && rig.clock.sleeperCount == 1 })
        await rig.session.deliver(.callerHungUp)
        let record = await rig.session.waitUntilEnded()
        #expect(record.disposition == "caller_hangup")
        #expect(rig.dialer.legs[0].hangUpCount == 1)
        #expect(rig.clock.sleeperCount == 0, "the ring timer is gone")
        await rig.dialer.legs[0].answer()   // a late answer changes nothing
        #expect(rig.done == nil)
    }
}
