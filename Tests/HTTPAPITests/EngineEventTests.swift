import CallgateCore
import Foundation
import Testing
@testable import HTTPAPI

@Suite struct EngineEventTests {
    @Test func screenPopCarriesTheCallerAndTheVars() throws {
        let event = EngineEvent.callOffered(time: 1763750000.25, callID: "c-81bb01", queue: "sales", agent: "1001",
                                            callerNumber: "+4930123456", callerName: "Dana Smith",
                                            vars: ["account": "A-1042", "language": "de"], waitedSeconds: 42.5)
        let json = String(decoding: try APIContext.encoder.encode(event), as: UTF8.self)
        #expect(json == """
            {"data":{"agent":"1001","call_id":"c-81bb01","caller_name":"Dana Smith","caller_number":"+4930123456",\
            "queue":"sales","vars":{"account":"A-1042","language":"de"},"waited_seconds":42.5},\
            "time":1763750000.25,"type":"call.offered"}
            """)
    }

    @Test func eventsRoundTrip() throws {
        let events: [EngineEvent] = [
            .callStarted(time: 1, callID: "c1", from: "+1", to: "100", direction: .inbound),
            .callAnswered(time: 2, callID: "c1"),
            .queueJoined(time: 3, callID: "c1", queue: "sales", position: 1, priority: 0, callerNumber: "+1", callerName: nil),
            .callOffered(time: 4, callID: "c1", queue: "sales", agent: "1001", callerNumber: "+1", callerName: nil, vars: [:],
                         waitedSeconds: 1),
            .agentStatus(time: 4, agent: "1001", status: .ringing, previous: .available, callID: "c1"),
            .callConnected(time: 5, callID: "c1", queue: "sales", agent: "1001", waitedSeconds: 2),
            .queueLeft(time: 5, callID: "c1", queue: "sales", reason: "answered", waitedSeconds: 2),
            .callEnded(time: 9, callID: "c1", disposition: "completed", hangupBy: "caller", reason: "caller hung up",
                       durationSeconds: 8, talkSeconds: 4),
            .conferenceJoined(time: 10, callID: "c2", room: "board", callerNumber: "+2", muted: true, moderator: false),
            .conferenceLeft(time: 11, callID: "c2", room: "board", reason: "kicked"),
            EngineEvent(type: "custom", time: 10),
        ]
        for event in events {
            let data = try APIContext.encoder.encode(event)
            #expect(try JSONDecoder().decode(EngineEvent.self, from: data) == event)
        }
        #expect(events.map(\.type) == [
            "call.started", "call.answered", "queue.joined", "call.offered", "agent.status", "call.connected",
            "queue.left", "call.ended", "conference.joined", "conference.left", "custom",
        ])
    }
}
