import Foundation
import Logging
@testable import Media
import Testing

@Suite struct PromptLibraryTests {
    /// A sounds folder, a cache folder, and a sox that logs each run before running the real one.
    struct Setup {
        let folder: TemporaryDirectory
        let sounds: String
        let cache: String
        let sox: String

        init() throws {
            folder = try TemporaryDirectory()
            sounds = folder.file("sounds")
            cache = folder.file("cache")
            try FileManager.default.createDirectory(atPath: sounds, withIntermediateDirectories: true)
            sox = try folder.script("sox", "#!/bin/sh\necho \"$*\" >> '\(folder.file("sox.log"))'\nexec sox \"$@\"\n")
        }

        func library(speechCommand: [String] = PromptLibrary.defaultSpeechCommand, converter: String? = nil,
                     timeout: Duration = .seconds(10)) -> PromptLibrary {
            PromptLibrary(soundsDirectory: sounds, cacheDirectory: cache, speechCommand: speechCommand,
                          converter: converter ?? sox, timeout: timeout, logger: Logger(label: "test.prompts"))
        }

        func write(_ name: String, _ file: WAVFile) throws {
            try Data(file.serialized()).write(to: URL(fileURLWithPath: sounds + "/" + name))
        }

        var soxRuns: Int { folder.lines("sox.log").count }
    }

    @Test func aTelephoneWAVIsUsedAsItIs() async throws {
        let setup = try Setup()
        defer { setup.folder.remove() }
        let tone = AudioClip.tone(hz: 440, seconds: 0.5)
        try setup.write("hello.wav", WAVFile(sampleRate: 8000, channels: 1, samples: tone.samples))
        let library = setup.library()
        #expect(try await library.clip(file: "hello.wav") == tone)
        #expect(setup.soxRuns == 0)
        // Edited in place: the next request sees the new audio, not the copy in memory.
        let beep = AudioClip.beep
        try setup.write("hello.wav", WAVFile(sampleRate: 8000, channels: 1, samples: beep.samples))
        #expect(try await library.clip(file: "hello.wav") == beep)
    }

    @Test func otherFormatsAreConvertedOnce() async throws {
        let setup = try Setup()
        defer { setup.folder.remove() }
        let tone = (0..<22050).map { Int16(10000 * sin(2 * Double.pi * 440 * Double($0) / 22050)) }
        try FileManager.default.createDirectory(atPath: setup.sounds + "/menu", withIntermediateDirectories: true)
        try setup.write("menu/welcome.wav", WAVFile(sampleRate: 22050, channels: 1, samples: tone))

        let library = setup.library()
        let clip = try await library.clip(file: "menu/welcome.wav")
        #expect(abs(clip.samples.count - 8000) <= 8)
        #expect(abs(toneStats(clip.samples).crossingsPerSecond - 880) < 20)
        #expect(try await library.clip(file: "menu/./welcome.wav") == clip)  // memory
        #expect(try await setup.library().clip(file: "menu/welcome.wav") == clip)  // disk cache, new library
        #expect(setup.soxRuns == 1)
    }

    @Test func concurrentRequestsShareOneConversion() async throws {
        let setup = try Setup()
        defer { setup.folder.remove() }
        try setup.write("stereo.wav", WAVFile(sampleRate: 8000, channels: 2, samples: Array(repeating: 100, count: 1600)))
        let library = setup.library()
        let clips = try await withThrowingTaskGroup(of: AudioClip.self) { group in
            for _ in 0..<4 { group.addTask { try await library.clip(file: "stereo.wav") } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(clips.count == 4 && Set(clips).count == 1)
        #expect(clips[0].samples.count == 800)
        #expect(setup.soxRuns == 1)
    }

    @Test func namesOutsideTheFolderAreRefused() async throws {
        let setup = try Setup()
        defer { setup.folder.remove() }
        let outside = setup.folder.file("secret.wav")
        try Data(WAVFile(sampleRate: 8000, channels: 1, samples: [1]).serialized()).write(to: URL(fileURLWithPath: outside))
        try FileManager.default.createSymbolicLink(atPath: setup.sounds + "/link.wav", withDestinationPath: outside)
        try FileManager.default.createSymbolicLink(atPath: setup.sounds + "/up", withDestinationPath: setup.folder.path)
        let library = setup.library()

        await #expect(throws: PromptError.outsideFolder(file: "../secret.wav")) { try await library.clip(file: "../secret.wav") }
        await #expect(throws: PromptError.outsideFolder(file: "a/../../x.wav")) { try await library.clip(file: "a/../../x.wav") }
        await #expect(throws: PromptError.outsideFolder(file: "link.wav")) { try await library.clip(file: "link.wav") }
        await #expect(throws: PromptError.outsideFolder(file: "up/secret.wav")) { try await library.clip(file: "up/secret.wav") }
        await #expect(throws: PromptError.invalidName(file: outside, "absolute paths are refused")) {
            try await library.clip(file: outside)
        }
        await #expect(throws: PromptError.notFound(file: "missing.wav")) { try await library.clip(file: "missing.wav") }
    }

    @Test func conversionFailuresNameTheFile() async throws {
        let setup = try Setup()
        defer { setup.folder.remove() }
        try Data("this is not audio".utf8).write(to: URL(fileURLWithPath: setup.sounds + "/broken.mp3"))
        try setup.write("fast.wav", WAVFile(sampleRate: 16000, channels: 1, samples: [0, 1, 2, 3]))

        do {
            _ = try await setup.library().clip(file: "broken.mp3")
            Issue.record("a broken file was accepted")
        } catch {
            guard case .conversionFailed(let file, let detail) = error else { throw error }
            #expect(file == "broken.mp3")
            #expect(detail.contains("exit status"))
            #expect("\(error)".contains("broken.mp3"))
        }
        await #expect(throws: PromptError.converterMissing(file: "fast.wav", tool: "/nonexistent/sox")) {
            try await setup.library(converter: "/nonexistent/sox").clip(file: "fast.wav")
        }
    }

    @Test func speechIsSynthesizedOnceAndCached() async throws {
        let setup = try Setup()
        defer { setup.folder.remove() }
        let tts = try setup.folder.script("tts", "#!/bin/sh\necho \"$*\" >> '\(setup.folder.file("tts.log"))'\nexec espeak-ng \"$@\"\n")
        let command = [tts, "-v", "{voice}", "--stdout", "{text}"]

        let clip = try await setup.library(speechCommand: command).clip(speech: "Welcome to callgate", voice: nil)
        #expect(clip.seconds > 0.5)
        #expect(RecordingMeter.rms(clip.samples) > 300)
        #expect(setup.folder.lines("tts.log") == ["-v en-us --stdout Welcome to callgate"])

        let library = setup.library(speechCommand: command)
        #expect(try await library.clip(speech: "Welcome to callgate", voice: "en-us") == clip)  // disk cache
        #expect(try await library.clip(speech: "Welcome to callgate") == clip)  // memory
        #expect(setup.folder.lines("tts.log").count == 1)

        _ = try await library.clip(speech: "Welcome to callgate", voice: "en-gb")
        _ = try await library.clip(speech: "-5 degrees", voice: "en-us")
        #expect(setup.folder.lines("tts.log").count == 3)
        #expect(setup.folder.lines("tts.log").last == "-v en-us --stdout  -5 degrees")
    }

    @Test func speechFailuresAreTyped() async throws {
        let setup = try Setup()
        defer { setup.folder.remove() }
        await #expect(throws: PromptError.invalidVoice("-w")) { try await setup.library().clip(speech: "hi", voice: "-w") }
        await #expect(throws: PromptError.speechFailed(text: " ", "empty text")) { try await setup.library().clip(speech: " ") }
        await #expect(throws: PromptError.speechFailed(text: "hi", "'no-such-tts-program' is not installed")) {
            try await setup.library(speechCommand: ["no-such-tts-program", "{text}"]).clip(speech: "hi")
        }
        await #expect(throws: PromptError.timedOut("text-to-speech", seconds: 0.3)) {
            try await setup.library(speechCommand: ["sleep", "10"], timeout: .milliseconds(300)).clip(speech: "hi")
        }
    }
}
