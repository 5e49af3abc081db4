import CallgateCore
import Engine
import Foundation
import Testing

@Suite struct ExpectationTests {
    let menu: @Sendable (ScenarioEvent) -> String = { event in
        switch event.event {
        case .callStart: #"{"actions":[{"action":"say","text":"Your balance is 42 dollars"},{"action":"set","vars":{"vip":true,"tier":"gold"}},{"action":"enqueue","queue":"billing"}]}"#
        default: #"{"actions":[]}"#
        }
    }

    @Test func matchesActionsByTheirMainArgument() async throws {
        let result = await simulate(menu)
        for held in ["say", "say:balance", "say:BALANCE IS", "set:vip", "set:vip=true", "set:tier=gold", "enqueue:billing", "event:queue.done"] {
            #expect(try Expectation(held).isMet(by: result), "\(held)")
        }
        for missed in ["say:goodbye", "set:tier=silver", "enqueue:support", "gather", "event:gather.done", "transfer:1001"] {
            #expect(try !Expectation(missed).isMet(by: result), "\(missed)")
        }
        #expect(try Expectation("enqueue:support").seen(in: result) == ["billing"])
    }

    @Test func refusesUnknownNames() {
        #expect(throws: ExpectationError.self) { try Expectation("dance") }
        #expect(throws: ExpectationError.self) { try Expectation("event") }
        #expect(throws: ExpectationError.self) { try Expectation("") }
    }
}

@Suite struct PromptTimingTests {
    @Test func wavLengthComesFromItsHeader() async throws {
        // 8 kHz mono 16-bit: 16,000 bytes a second; 24,000 bytes of samples is 1.5 s.
        var wav = Data("RIFF".utf8) + le32(36 + 24_000) + Data("WAVE".utf8)
        wav += Data("fmt ".utf8) + le32(16) + le16(1) + le16(1) + le32(8000) + le32(16_000) + le16(2) + le16(16)
        wav += Data("data".utf8) + le32(24_000) + Data(count: 24_000)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("callgate-sounds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try wav.write(to: directory.appendingPathComponent("menu.wav"))
        let result = await simulate(SimulatedCaller(soundsDirectory: directory.path)) { event in
            event.event == .callStart ? #"{"actions":[{"action":"play","file":"menu.wav"},{"action":"play","file":"missing.wav"}]}"# : #"{"actions":[]}"#
        }
        // 1.5 s for the real file, then 2 s for one that is missing.
        #expect(result.record.endedAt == 3.5)
    }

    func le32(_ v: Int) -> Data { Data([UInt8(v & 0xff), UInt8(v >> 8 & 0xff), UInt8(v >> 16 & 0xff), UInt8(v >> 24 & 0xff)]) }
    func le16(_ v: Int) -> Data { Data([UInt8(v & 0xff), UInt8(v >> 8 & 0xff)]) }
}
