import Foundation
import Logging

/// Turns prompt names and text into playable clips (8 kHz mono 16-bit), each prepared once.
///
/// - Files are looked up under the sounds folder (never outside it). An 8 kHz mono 16-bit WAV is
///   used as it is; anything else (another rate, stereo, MP3, whatever sox reads) is converted
///   once with `sox IN -r 8000 -c 1 -b 16 -e signed-integer OUT.wav` into the cache folder, and
///   reconverted only when the source is newer than the cached copy.
/// - Speech runs the TTS command (argv, no shell; "{text}" and "{voice}" replaced), which must
///   write a WAV to stdout; sox converts that to 8 kHz and the result is kept in the cache folder
///   under a hash of the command, voice and text.
/// - Clips stay in memory (up to `memoryLimitBytes`; a file edited since is loaded again), and
///   concurrent requests for the same clip share one conversion.
public actor PromptLibrary {
    public static let defaultSpeechCommand = ["espeak-ng", "-v", "{voice}", "--stdout", "{text}"]

    public nonisolated let soundsDirectory: String
    public nonisolated let cacheDirectory: String
    public nonisolated let speechCommand: [String]
    public nonisolated let defaultVoice: String
    /// sox: a name looked up in PATH, or a path.
    public nonisolated let converter: String
    /// For each sox or TTS run.
    public nonisolated let timeout: Duration
    nonisolated let logger: Logger
    private var memory: ClipCache
    private var inFlight: [String: Task<Result<AudioClip, PromptError>, Never>] = [:]

    public init(soundsDirectory: String, cacheDirectory: String, speechCommand: [String] = defaultSpeechCommand,
                defaultVoice: String = "en-us", converter: String = "sox", timeout: Duration = .seconds(10),
                memoryLimitBytes: Int = 64 << 20, logger: Logger = Logger(label: "callgate.prompts")) {
        self.soundsDirectory = soundsDirectory
        self.cacheDirectory = cacheDirectory
        self.speechCommand = speechCommand
        self.defaultVoice = defaultVoice
        self.converter = converter
        self.timeout = timeout
        self.logger = logger
        memory = ClipCache(limitBytes: memoryLimitBytes)
    }

    /// The clip of a file under the sounds folder.
    /// - Throws: `PromptError` naming the file: refused name, not found, or conversion failure.
    public func clip(file: String) async throws(PromptError) -> AudioClip {
        let path = try PromptPath.resolve(file, in: soundsDirectory)
        let key = "file:\(path)@\(PromptPath.version(of: path))"
        return try await cached(key) { await self.loadFile(path, named: file) }
    }

    /// The clip of `text` spoken by the TTS command.
    /// - Parameter voice: nil for `defaultVoice`.
    public func clip(speech text: String, voice: String? = nil) async throws(PromptError) -> AudioClip {
        let voice = voice ?? defaultVoice
        guard Self.isValidVoice(voice) else { throw .invalidVoice(voice) }
        guard text.contains(where: { !$0.isWhitespace }) else { throw .speechFailed(text: text, "empty text") }
        let key = "tts:" + ([speechCommand.joined(separator: "\u{1F}"), voice, text].joined(separator: "\u{0}"))
        let cacheName = "tts-\(StableHash.hex(key))"
        let clip = try await cached(key) { await self.synthesize(text, voice: voice, cacheName: cacheName) }
        // Each use dates the cache file anew: `recordings.keep_days` deletes only entries nobody used.
        _ = utimensat(AT_FDCWD, "\(cacheDirectory)/\(cacheName).wav", nil, 0)
        return clip
    }

    /// Memory first, then a load already under way, then a new load.
    private func cached(_ key: String, load: @escaping @Sendable () async -> Result<AudioClip, PromptError>)
        async throws(PromptError) -> AudioClip {
        if let clip = memory[key] { return clip }
        let task: Task<Result<AudioClip, PromptError>, Never>
        if let running = inFlight[key] {
            task = running
        } else {
            task = Task { await load() }
            inFlight[key] = task
        }
        let result = await task.value
        inFlight[key] = nil
        if case .success(let clip) = result { memory.insert(clip, for: key) }
        return try result.get()
    }

    /// Voice names go into an argv; keep them to what voice names look like.
    static func isValidVoice(_ voice: String) -> Bool {
        !voice.isEmpty && !voice.hasPrefix("-")
            && voice.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "-_+".unicodeScalars.contains($0) }
    }
}
