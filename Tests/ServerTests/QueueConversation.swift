import Foundation
import Testing

/// The demo agents as configuration lines: Alice (1001) takes the `support` queue's calls; Bob
/// (1002) and Carol (1003) are in no queue, and `supervises` makes one a supervisor.
enum DemoAgents {
    static let alice = """
          - extension: "1001"
            name: Alice
            password_hash: "md5:9bf27cb60eaf5577521b9ee4a59bf9f2"
            queues: [support]
        """

    static func bob(supervises: String? = nil) -> String {
        """
          - extension: "1002"
            name: Bob
            password_hash: "md5:6d6ac65532c98927852c4b39c465a18d"
        """ + (supervises.map { "\n    supervises: \($0)" } ?? "")
    }

    static func carol(supervises: String? = nil) -> String {
        """
          - extension: "1003"
            name: Carol
            password_hash: "md5:f487cfbf2bdf32116d5397e14a8ee527"
        """ + (supervises.map { "\n    supervises: \($0)" } ?? "")
    }
}

/// A queue call in progress with real peers: a SIPp caller talking without a pause (RTPPeer,
/// 440 Hz), operator 1001 on baresip (600 Hz), and a second baresip phone registered beside it
/// (a colleague or a supervisor) with its own tone.
struct QueueConversation {
    let engine: EngineUnderTest
    let caller: RTPPeer
    let agent: Baresip
    let other: Baresip
    let sipp: Task<SIPp.Run, any Error>
    let talking: Task<Void, Never>
    /// The call's id, as the API names it.
    let id: String

    /// The caller reaches 1001 through the queue (`queue`: more keys of the `support` queue) and
    /// both hear each other; `other` (extension, password, tone) is registered meanwhile.
    static func start(agents: String, other: (user: String, password: String, tone: Double), queue: String = "") async throws -> QueueConversation {
        let engine = try EngineUnderTest(scenarios: ["q.sh": TestScenarios.queueWithRating], routes: "  - match: \"*\"\n    scenario: q.sh",
                                         rtpTimeout: 60, agents: agents,
                                         extra: "queues:\n  - name: support\n    announce_position: false\n    announce_wait: false\n\(queue)")
        try await engine.waitUntilReady()
        let agent = try Baresip(engine: engine, user: "1001", password: "demo1001", toneFrequency: 600)
        let second = try Baresip(engine: engine, user: other.user, password: other.password, toneFrequency: other.tone)
        try await agent.waitUntilRegistered(engine: engine)
        try await second.waitUntilRegistered(engine: engine, count: 2)
        try await agent.waitUntilControllable()
        try await second.waitUntilControllable()
        let caller = try RTPPeer()
        let sipp = try await SIPp.start("uac-ivr.xml", engine: engine, set: ["caller": "5551234", "rtp_port": "\(caller.port)"], timeout: 120)
        #expect(await eventually(within: 15) { caller.knowsEngine }, "\(engine.log())")
        let heard = await Conversation.bothHear(caller: caller, agent: agent, within: 15)
        #expect(heard.callerHearsAgent && heard.agentHearsCaller, "\(engine.log())")
        // The caller talks on without a pause from now on: every check hears its 440 Hz.
        let talking = Task { while !Task.isCancelled { await caller.sendTone(seconds: 0.5) } }
        let view = try await engine.api("GET", "/api/agents/1001")
        let id = try #require((view.json as? [String: Any])?["current_call_id"] as? String)
        return QueueConversation(engine: engine, caller: caller, agent: agent, other: second, sipp: sipp, talking: talking, id: id)
    }

    /// Share of `frequency` in the last second the caller heard.
    func callerHears(_ frequency: Double) -> Double {
        Baresip.toneShare(RTPPeer.decode(caller.audio.suffix(8000)), frequency: frequency)
    }

    /// `hangUp` ends the caller's party (the operator, or whoever it talks to now); the scenario
    /// asks the caller for a rating, the caller presses a key, and SIPp's call ends as it should.
    func finish(hangingUp party: Baresip) async throws {
        talking.cancel()
        let before = caller.received
        _ = try party.hangup()
        #expect(await eventually(within: 15) { caller.received >= before + 25 }, "the rating prompt plays")
        caller.sendDigit("5")
        let run = try await sipp.value
        #expect(run.allCallsSucceeded, "\(run.output)")
    }

    func stop() {
        talking.cancel()
        agent.stop()
        other.stop()
    }
}
