import Foundation
import CallgateCore
import Testing
@testable import HTTPAPI

@Suite struct EventBacklogTests {
    func event(_ n: Int) -> EngineEvent { EngineEvent(type: "test", time: Double(n), data: ["n": .number(Double(n))]) }

    func drain(_ backlog: inout EventBacklog) -> [EngineEvent] {
        var out: [EngineEvent] = []
        while let next = backlog.next() { out.append(next) }
        return out
    }

    @Test func handsOutEventsInOrder() {
        var backlog = EventBacklog(capacity: 4)
        for n in 1...3 {
            let dropped = backlog.append(event(n))
            #expect(!dropped)
        }
        #expect(drain(&backlog) == [event(1), event(2), event(3)])
        #expect(backlog.isEmpty)
    }

    @Test func dropsTheOldestAndSaysHowManyFirst() {
        var backlog = EventBacklog(capacity: 3)
        for n in 1...3 { backlog.append(event(n)) }
        let droppedFirst = backlog.append(event(4))
        let droppedSecond = backlog.append(event(5))
        #expect(droppedFirst && droppedSecond)
        #expect(drain(&backlog) == [.eventsDropped(count: 2, time: 2), event(3), event(4), event(5)])
    }

    @Test func countsRestartAfterTheNotice() {
        var backlog = EventBacklog(capacity: 1)
        backlog.append(event(1))
        backlog.append(event(2))
        #expect(backlog.next() == .eventsDropped(count: 1, time: 1))
        backlog.append(event(3))
        backlog.append(event(4))
        #expect(drain(&backlog) == [.eventsDropped(count: 2, time: 3), event(4)])
    }

    @Test func everyEventIsSentOrCounted() {
        var backlog = EventBacklog(capacity: 5)
        var sent = 0, dropped = 0
        for n in 0..<1000 {
            backlog.append(event(n))
            if n % 7 == 0, let next = backlog.next() {  // a reader slower than the producer
                if let count = next.droppedCount { dropped += count } else { sent += 1 }
            }
        }
        for next in drain(&backlog) {
            if let count = next.droppedCount { dropped += count } else { sent += 1 }
        }
        #expect(sent + dropped == 1000)
        #expect(dropped > 0)
    }

    @Test func dropNoticeIsAnOrdinaryFrame() throws {
        let notice = EngineEvent.eventsDropped(count: 17, time: 1763750000.5)
        let json = String(decoding: try APIContext.encoder.encode(notice), as: UTF8.self)
        #expect(json == #"{"data":{"count":17},"time":1763750000.5,"type":"events.dropped"}"#)
    }
}
