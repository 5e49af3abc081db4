import Foundation
@testable import Media
import Testing

@Suite struct WAVTests {
    @Test func monoRoundTrip() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let tone = AudioClip.tone(hz: 440, seconds: 0.3)
        let writer = try WAVWriter(path: folder.file("mono.wav"))
        try writer.append(tone.samples.prefix(1000))
        try writer.append(tone.samples.dropFirst(1000))
        try writer.close()
        let file = try WAVFile(contentsOf: folder.file("mono.wav"))
        #expect(file.sampleRate == 8000)
        #expect(file.channels == 1)
        #expect(file.audioClip == tone)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder.file("mono.wav"))))
        #expect(bytes.count == 44 + 2 * tone.samples.count)
        #expect(bytes.littleEndianUInt32(at: 4) == UInt32(36 + 2 * tone.samples.count))
        #expect(bytes.littleEndianUInt32(at: 40) == UInt32(2 * tone.samples.count))
    }

    @Test func stereoKeepsTheSidesApart() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let left = AudioClip.tone(hz: 440, seconds: 0.1).samples
        let right = AudioClip.tone(hz: 1000, seconds: 0.05).samples
        let writer = try WAVWriter(path: folder.file("stereo.wav"), channels: 2)
        try writer.append(left: left, right: right)
        #expect(writer.frameCount == left.count)
        try writer.close()
        let file = try WAVFile(contentsOf: folder.file("stereo.wav"))
        #expect(file.channels == 2)
        #expect(file.frameCount == left.count)
        #expect(file.channel(0) == left)
        #expect(file.channel(1) == right + Array(repeating: 0, count: left.count - right.count))
        #expect(file.audioClip == nil)
    }

    /// Without `close()` (a crash), the file is still valid up to the last header update.
    @Test func anUnclosedRecordingIsPlayable() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let writer = try WAVWriter(path: folder.file("crash.wav"), headerInterval: 0.1)
        try writer.append(Array(repeating: Int16(1234), count: 1000))  // 0.125 s: one header update
        try writer.append(Array(repeating: Int16(1234), count: 100))   // still buffered
        let file = try WAVFile(contentsOf: folder.file("crash.wav"))
        #expect(file.samples == Array(repeating: 1234, count: 1000))
        try writer.close()
        #expect(try WAVFile(contentsOf: folder.file("crash.wav")).samples.count == 1100)
    }

    @Test func readsOtherRatesAndStreamedHeaders() throws {
        var bytes = WAVFile(sampleRate: 22050, channels: 1, samples: [1, -2, 3]).serialized()
        bytes.replaceSubrange(40..<44, with: [0x00, 0xF0, 0xFF, 0x7F])  // as espeak-ng --stdout writes it
        let file = try WAVFile(parsing: bytes)
        #expect(file.sampleRate == 22050)
        #expect(file.samples == [1, -2, 3])
        #expect(file.audioClip == nil)
    }

    @Test func skipsUnknownChunks() throws {
        var bytes = WAVFile(sampleRate: 8000, channels: 1, samples: [7, 8]).serialized()
        let list: [UInt8] = Array("LIST".utf8) + [3, 0, 0, 0, 1, 2, 3, 0]  // odd size, padded
        bytes.insert(contentsOf: list, at: 36)
        #expect(try WAVFile(parsing: bytes).samples == [7, 8])
    }

    @Test func refusesWhatItCannotPlay() {
        var float = WAVFile(sampleRate: 8000, channels: 1, samples: [0, 0]).serialized()
        float[20] = 3  // IEEE float
        #expect(throws: WAVError.unsupportedFormat("format tag 3, 16-bit (need 16-bit PCM)")) { try WAVFile(parsing: float) }
        var eightBit = WAVFile(sampleRate: 8000, channels: 1, samples: [0, 0]).serialized()
        eightBit[34] = 8
        #expect(throws: WAVError.unsupportedFormat("format tag 1, 8-bit (need 16-bit PCM)")) { try WAVFile(parsing: eightBit) }
        #expect(throws: WAVError.malformed("no RIFF/WAVE header")) { try WAVFile(parsing: Array("ID3 mp3 bytes".utf8)) }
        #expect(throws: WAVError.self) { try WAVFile(parsing: Array(WAVFile(sampleRate: 8000, channels: 1, samples: []).serialized().prefix(30))) }
    }
}
