import Foundation
@testable import Engine
import Testing

/// How long `callgate test` takes a sound file to play, from its WAV header; a file cut anywhere
/// is "not a WAV", never a crash.
@Suite struct WAVLengthTests {
    static let header: [UInt8] = Array("RIFF".utf8) + [36, 0, 0, 0] + Array("WAVEfmt ".utf8) + [16, 0, 0, 0, 1, 0, 1, 0,
        0x40, 0x1F, 0, 0, 0x80, 0x3E, 0, 0, 2, 0, 16, 0] + Array("data".utf8) + [0x80, 0x3E, 0, 0]

    @Test func aWholeHeaderGivesTheLength() {
        #expect(PromptTiming.wavSeconds(Data(Self.header + [UInt8](repeating: 0, count: 16_000))) == 1.0)
    }

    @Test func aHeaderCutAnywhereIsNotAWAV() {
        for length in 0..<Self.header.count {
            #expect(PromptTiming.wavSeconds(Data(Self.header.prefix(length))) == nil, "cut at \(length)")
        }
    }
}
