import CallgateCore
import Foundation

/// How long a prompt takes in simulated time: a WAV file's real length, or an estimate for speech.
enum PromptTiming {
    static let unknownFileSeconds = 2.0

    static func seconds(of prompt: Prompt, soundsDirectory: String?) -> Double {
        switch prompt {
        case .say(let say):
            // About 2.5 words a second, as a TTS voice speaks.
            let words = say.text.split(whereSeparator: \.isWhitespace).count
            return max(1, (Double(words) / 2.5 * 10).rounded() / 10)
        case .play(let play):
            guard let directory = soundsDirectory,
                  let data = FileManager.default.contents(atPath: directory + "/" + play.file),
                  let seconds = wavSeconds(data) else { return unknownFileSeconds }
            return seconds
        }
    }

    /// The length of a RIFF/WAVE file from its `fmt ` byte rate and `data` size; nil when not a WAV.
    static func wavSeconds(_ data: Data) -> Double? {
        let bytes = [UInt8](data.prefix(4096))
        guard bytes.count >= 12, bytes[0..<4] == [0x52, 0x49, 0x46, 0x46], bytes[8..<12] == [0x57, 0x41, 0x56, 0x45] else { return nil }
        func u32(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24 }
        var offset = 12
        var byteRate: Int?
        while offset + 8 <= bytes.count {
            let id = String(decoding: bytes[offset..<offset + 4], as: UTF8.self)
            let size = u32(offset + 4)
            if id == "fmt ", offset + 20 <= bytes.count { byteRate = u32(offset + 16) }  // the byte rate is bytes 16..<20
            if id == "data", let rate = byteRate, rate > 0 {
                let available = data.count - offset - 8
                return Double(min(size, available)) / Double(rate)
            }
            offset += 8 + size + (size & 1)
        }
        return nil
    }
}
