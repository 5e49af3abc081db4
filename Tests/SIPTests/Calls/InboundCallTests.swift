import SIP
import Testing

extension SIPpTests {
    /// Inbound calls from SIPp: the engine side is ``CallHarness``.
    @Suite struct InboundCalls {
        @Test(arguments: ["u1", "t1"])
        func callIsAnsweredThenCallerHangsUp(transport: String) async throws {
            let harness = try await CallHarness.start()
            let run = try await SIPp.run("uac_call.xml", target: harness.target, transport: transport, service: "5000")
            expectSuccess(run)
            #expect(await harness.waitUntil(Count.hungUp(1)))
            let call = try #require(await harness.incomingCalls.first)
            #expect(call.requestUser == "5000")
            #expect(call.from.user == "5551")
            #expect(call.from.displayName == "Caller 1")
            #expect(call.to.user == "5000")
            #expect(call.sdp?.contains("m=audio") == true)
            #expect(call.source.hasPrefix("127.0.0.1:"))
            #expect(call.authenticatedUser == nil)
            #expect(call.headers["X-Customer-Id"] == "4711")
            #expect(call.headers["User-Agent"] == "SIPp callgate-test")
            #expect(!call.callID.isEmpty)
            #expect(await harness.waitUntilIdle())
            await harness.stop()
        }

        @Test func lateOfferIsAnsweredWithOurOffer() async throws {
            let harness = try await CallHarness.start()
            expectSuccess(try await SIPp.run("uac_late_offer.xml", target: harness.target))
            let leg = try #require(await harness.incomingCalls.first?.leg)
            #expect(await harness.incomingCalls.first?.sdp == nil)
            #expect(await harness.waitUntil { events in
                events.contains { if case .lateOfferAnswer(leg, let sdp) = $0 { sdp.contains("m=audio") } else { false } }
            })
            #expect(await harness.waitUntil(Count.hungUp(1)))
            await harness.stop()
        }

        @Test func engineHangsUpWithBye() async throws {
            let harness = try await CallHarness.start()
            let sipp = try SIPp.start(scenario: "uac_wait_bye.xml", target: harness.target)
            #expect(await harness.waitUntilAnswered(1))
            // Straight after answering: the BYE waits for the ACK (RFC 3261 15).
            let leg = try #require(await harness.incomingCalls.first?.leg)
            await harness.stack.hangup(leg)
            expectSuccess((sipp, await sipp.wait()))
            // Our own hangup is not reported back as an event.
            #expect(await harness.events.contains { if case .hungUp = $0 { true } else { false } } == false)
            await harness.stop()
        }

        @Test func cancelBeforeAnswerGets487() async throws {
            let harness = try await CallHarness.start(mode: .ringOnly)
            let run = try await SIPp.run("uac_cancel.xml", target: harness.target)
            expectSuccess(run)
            let leg = try #require(await harness.incomingCalls.first?.leg)
            #expect(await harness.waitUntil { $0.contains { if case .cancelled(leg) = $0 { true } else { false } } })
            // Answering a cancelled leg is harmless.
            await harness.stack.answer(leg, sdp: SessionDescription.offer(address: "127.0.0.1", port: 40000))
            #expect(await harness.waitUntilIdle())
            await harness.stop()
        }

        @Test func hangupBeforeAnswerGets480() async throws {
            let harness = try await CallHarness.start(mode: .ringOnly)
            let sipp = try SIPp.start(scenario: "uac_expect_480.xml", target: harness.target)
            #expect(await harness.waitUntil(Count.incoming(1)))
            let leg = try #require(await harness.incomingCalls.first?.leg)
            await harness.stack.hangup(leg)
            expectSuccess((sipp, await sipp.wait()))
            #expect(await harness.waitUntilIdle())
            await harness.stop()
        }

        @Test func optionsGets200() async throws {
            let harness = try await CallHarness.start()
            expectSuccess(try await SIPp.run("options.xml", target: harness.target))
            #expect(await harness.events.isEmpty)
            await harness.stop()
        }

        @Test func holdReinviteIsAnsweredRecvonly() async throws {
            let harness = try await CallHarness.start()
            let run = try await SIPp.run("uac_hold.xml", target: harness.target)
            expectSuccess(run)
            let reinvite = await harness.events.compactMap { if case .reinvite(_, let sdp) = $0 { sdp } else { nil } }.first
            #expect(reinvite?.contains("a=sendonly") == true)
            #expect(await harness.waitUntil(Count.hungUp(1)))
            await harness.stop()
        }

        @Test func infoDTMFIsReported() async throws {
            let harness = try await CallHarness.start()
            let run = try await SIPp.run("uac_info_dtmf.xml", target: harness.target)
            expectSuccess(run)
            let leg = try #require(await harness.incomingCalls.first?.leg)
            #expect(await harness.waitUntil { $0.contains { if case .dtmf(leg, "5") = $0 { true } else { false } } })
            await harness.stop()
        }

        @Test func fiftyCallsAtOnceAllComplete() async throws {
            let harness = try await CallHarness.start()
            let run = try await SIPp.run("uac_call.xml", target: harness.target, calls: 50, rate: 50, limit: 50,
                                         timeoutSeconds: 60)
            expectSuccess(run)
            #expect(await harness.waitUntil(Count.hungUp(50)))
            #expect(await harness.incomingCalls.count == 50)
            #expect(Set(await harness.incomingCalls.map(\.leg)).count == 50)
            #expect(await harness.waitUntilIdle())
            await harness.stop()
        }
    }
}
