#if canImport(Glibc)
import Glibc
#endif

/// A piece of telephone audio ready to play: 8 kHz mono signed 16-bit samples. Every prompt, TTS
/// result and beep is converted to this once, so the media thread only ever slices and encodes.
public struct AudioClip: Sendable, Hashable {
    public static let sampleRate = 8000

    public var samples: [Int16]

    public init(samples: [Int16]) {
        self.samples = samples
    }

    public var duration: Duration {
        .nanoseconds(Int64(samples.count) * 1_000_000_000 / Int64(Self.sampleRate))
    }

    public var seconds: Double {
        Double(samples.count) / Double(Self.sampleRate)
    }

    /// A sine tone, with 5 ms fade-in and fade-out so that it starts and stops without a click.
    /// - Parameter amplitude: peak level as a fraction of full scale.
    public static func tone(hz: Double, seconds: Double, amplitude: Double = 0.3) -> AudioClip {
        let count = sampleCount(seconds)
        let ramp = min(40, count / 2)
        let peak = amplitude * Double(Int16.max)
        let samples = (0..<count).map { index in
            let fade = Double(min(index, count - 1 - index, ramp)) / Double(max(ramp, 1))
            return Int16(peak * min(fade, 1) * sin(2 * Double.pi * hz * Double(index) / Double(sampleRate)))
        }
        return AudioClip(samples: samples)
    }

    public static func silence(seconds: Double) -> AudioClip {
        AudioClip(samples: Array(repeating: 0, count: sampleCount(seconds)))
    }

    /// The tone played before a recording starts: 1 kHz for a quarter of a second.
    public static let beep = tone(hz: 1000, seconds: 0.25)

    static func sampleCount(_ seconds: Double) -> Int {
        seconds.isFinite && seconds > 0 ? Int((seconds * Double(sampleRate)).rounded()) : 0
    }
}
