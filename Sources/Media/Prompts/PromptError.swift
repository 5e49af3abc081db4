/// Why a prompt could not be produced. Every case names the file (or text) and what is wrong, as it
/// ends up in logs read by whoever maintains the sounds folder.
public enum PromptError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Empty, absolute, or containing a NUL byte.
    case invalidName(file: String, String)
    /// Resolves outside the sounds folder (`..`, or a symbolic link pointing out).
    case outsideFolder(file: String)
    case notFound(file: String)
    /// The file exists but cannot be read, or a cache file cannot be written.
    case unreadable(file: String, String)
    /// sox is not installed (or not at the configured path).
    case converterMissing(file: String, tool: String)
    /// sox ran and failed: its exit status and the end of its error output.
    case conversionFailed(file: String, String)
    /// The TTS command could not be run, or failed.
    case speechFailed(text: String, String)
    /// A voice name with characters other than letters, digits, '-', '_' and '+'.
    case invalidVoice(String)
    /// sox or the TTS command ran longer than the library's timeout and was killed.
    case timedOut(String, seconds: Double)

    public var description: String {
        switch self {
        case .invalidName(let file, let why): "prompt '\(file)': \(why)"
        case .outsideFolder(let file): "prompt '\(file)' resolves outside the sounds folder: refused"
        case .notFound(let file): "prompt '\(file)' not found in the sounds folder"
        case .unreadable(let file, let why): "prompt '\(file)' cannot be read: \(why)"
        case .converterMissing(let file, let tool):
            "prompt '\(file)' is not 8 kHz mono 16-bit WAV and '\(tool)' is not installed to convert it"
        case .conversionFailed(let file, let why): "prompt '\(file)' could not be converted by sox: \(why)"
        case .speechFailed(let text, let why): "text-to-speech failed for \"\(text.prefix(60))\": \(why)"
        case .invalidVoice(let voice): "voice '\(voice)' is not a valid voice name"
        case .timedOut(let what, let seconds): "\(what) took longer than \(seconds) s and was stopped"
        }
    }
}
