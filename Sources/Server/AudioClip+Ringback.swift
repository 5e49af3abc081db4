import Foundation
import Media

extension AudioClip {
    /// North American ringback (440 + 480 Hz, 2 s on, 4 s off) for a minute: what a caller hears
    /// while a transfer target rings.
    static let ringback: AudioClip = {
        var samples: [Int16] = []
        samples.reserveCapacity(8000 * 60)
        for _ in 0..<10 {
            for n in 0..<16_000 {
                let t = Double(n) / 8000
                samples.append(Int16(4000 * (sin(2 * .pi * 440 * t) + sin(2 * .pi * 480 * t))))
            }
            samples.append(contentsOf: repeatElement(0, count: 32_000))
        }
        return AudioClip(samples: samples)
    }()
}
