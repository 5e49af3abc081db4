import Foundation
@testable import Media
import Testing

/// The detector on synthetic audio: silence, tones standing in for words, and noise; then on
/// speech that espeak-ng generates.
@Suite struct MachineDetectorTests {
    static let loud: Int16 = 3000
    /// `seconds` of 8 kHz audio at a constant level (a square wave: every sample's magnitude is `level`).
    static func audio(_ seconds: Double, level: Int16) -> [Int16] {
        (0..<Int(seconds * 8000)).map { $0 % 2 == 0 ? level : -level }
    }
    static func silence(_ seconds: Double) -> [Int16] { audio(seconds, level: 0) }
    static func words(_ count: Int, word: Double, gap: Double) -> [Int16] {
        (0..<count).flatMap { _ in audio(word, level: loud) + silence(gap) }
    }

    static func run(_ samples: [Int16], _ parameters: MachineDetector.Parameters = .init()) -> MachineDetector.Outcome? {
        var detector = MachineDetector(parameters)
        return detector.feed(samples) ?? detector.outcome
    }

    @Test func silenceAloneIsAMachineAfterTheInitialSilence() throws {
        let outcome = try #require(Self.run(Self.silence(4)))
        #expect(outcome.verdict == .machine)
        #expect(outcome.cause == .initialSilence)
        #expect(outcome.initialSilence == 2500)
        #expect(outcome.total == 2500)
        #expect(outcome.words == 0)
    }

    @Test func aShortHelloThenSilenceIsAPerson() throws {
        let outcome = try #require(Self.run(Self.silence(0.4) + Self.audio(0.5, level: Self.loud) + Self.silence(3)))
        #expect(outcome.verdict == .human)
        #expect(outcome.cause == .humanAfterGreeting)
        #expect(outcome.initialSilence == 400)
        #expect(outcome.greeting == 500)
        #expect(outcome.words == 1)
        #expect(outcome.total == 400 + 500 + 800)
    }

    @Test func aLongGreetingIsAMachine() throws {
        // Three long words with pauses under the after-greeting silence: 1.5 s of voice decides.
        let outcome = try #require(Self.run(Self.silence(0.2) + Self.words(3, word: 0.7, gap: 0.3)))
        #expect(outcome.verdict == .machine)
        #expect(outcome.cause == .longGreeting)
        #expect(outcome.greeting == 1500)
        #expect(outcome.words == 3)
    }

    @Test func manyShortWordsAreAMachine() throws {
        let outcome = try #require(Self.run(Self.words(6, word: 0.2, gap: 0.1)))
        #expect(outcome.verdict == .machine)
        #expect(outcome.cause == .maxWords)
        #expect(outcome.words == 4)  // more than maximumWords (3)
    }

    @Test func voiceShorterThanAWordIsNotAWord() throws {
        // Clicks of 40 ms every half second: no word, so the initial silence runs out.
        let clicks = (0..<8).flatMap { _ in Self.audio(0.04, level: Self.loud) + Self.silence(0.46) }
        let outcome = try #require(Self.run(clicks))
        #expect(outcome.cause == .initialSilence)
        #expect(outcome.words == 0)
    }

    @Test func noiseUnderTheThresholdIsSilence() throws {
        let outcome = try #require(Self.run(Self.audio(3, level: 200)))
        #expect(outcome.cause == .initialSilence)
        // ... and over it, it is all voice: one long word.
        #expect(try #require(Self.run(Self.audio(3, level: 300))).cause == .longGreeting)
    }

    @Test func undecidedAudioEndsAsNotSure() throws {
        var parameters = MachineDetector.Parameters()
        parameters.greeting = 10_000
        parameters.maximumWords = 100
        let outcome = try #require(Self.run(Self.words(20, word: 0.3, gap: 0.3), parameters))
        #expect(outcome.verdict == .notSure)
        #expect(outcome.cause == .tooLong)
        #expect(outcome.total == 5000)
    }

    @Test func chunksOfAnySizeGiveTheSameOutcome() {
        let samples = Self.silence(0.3) + Self.words(2, word: 0.25, gap: 0.15) + Self.silence(2)
        var detector = MachineDetector(.init())
        var outcome: MachineDetector.Outcome?
        for start in stride(from: 0, to: samples.count, by: 77) where outcome == nil {
            outcome = detector.feed(Array(samples[start..<min(start + 77, samples.count)]))
        }
        #expect(outcome != nil)
        #expect(outcome == Self.run(samples))
        // Decided once: more audio reports nothing.
        let again = detector.feed(Self.silence(1))
        #expect(again == nil)
    }

    @Test func framesWithoutPacketsCountAsSilence() throws {
        var detector = MachineDetector(.init())
        var outcome = detector.feed(Self.audio(0.5, level: Self.loud))
        #expect(outcome == nil)
        for _ in 0..<100 where outcome == nil { outcome = detector.silentFrame() }
        #expect(try #require(outcome).verdict == .human)
        #expect(try #require(outcome).total == 500 + 800)
    }

    @Test func theFullNegativeRangeIsHandled() throws {
        let outcome = try #require(Self.run([Int16](repeating: .min, count: 8000 * 3)))
        #expect(outcome.cause == .longGreeting)
    }

    @Test func silenceWatchWaitsForContinuousSilence() {
        var watch = SilenceWatch(silenceMilliseconds: 1000)
        // A greeting with pauses shorter than a second, a beep, then silence.
        let heard = [Self.words(4, word: 0.6, gap: 0.5), Self.audio(0.5, level: Self.loud), Self.silence(0.98), Self.silence(0.02),
                     Self.silence(1)].map { watch.feed($0) }
        #expect(heard == [false, false, false, true, false])  // once only
        #expect(watch.total == 4 * 1100 + 500 + 1000)
    }

    @Test func silenceWatchIgnoresClicks() {
        var watch = SilenceWatch(silenceMilliseconds: 600)
        let heard = [Self.silence(0.3) + Self.audio(0.04, level: Self.loud), Self.silence(0.3)].map { watch.feed($0) }
        #expect(heard == [false, true])
    }

    /// Speech generated with espeak-ng: a person's "hello?" and a machine's greeting.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/espeak-ng")))
    func generatedSpeech() throws {
        let human = try Self.speech("Hello?") + Self.silence(3)
        #expect(try #require(Self.run(human)).verdict == .human)
        let machine = try Self.speech("Hi, you've reached the Millers. We can't take your call, please leave a message after the tone.")
        #expect(try #require(Self.run(machine)).verdict == .machine)
    }

    /// `text` spoken by espeak-ng, as the engine's 8 kHz audio.
    static func speech(_ text: String) throws -> [Int16] {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let espeak = Process()
        espeak.executableURL = URL(fileURLWithPath: "/usr/bin/espeak-ng")
        espeak.arguments = ["-w", folder.file("say.wav"), text]
        try espeak.run()
        espeak.waitUntilExit()
        let sox = Process()
        sox.executableURL = URL(fileURLWithPath: "/usr/bin/sox")
        sox.arguments = [folder.file("say.wav"), "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", folder.file("8k.wav")]
        try sox.run()
        sox.waitUntilExit()
        return try WAVFile(contentsOf: folder.file("8k.wav")).samples
    }
}
