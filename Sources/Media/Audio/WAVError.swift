/// Why a WAV file could not be read or written.
public enum WAVError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Not a RIFF/WAVE file, or a chunk runs past the end of the data.
    case malformed(String)
    /// A valid WAV file in a format we do not read ourselves (the caller may convert it with sox).
    case unsupportedFormat(String)
    /// The file system refused (open, write, close): the path and the errno text.
    case io(path: String, String)

    public var description: String {
        switch self {
        case .malformed(let detail): "malformed WAV: \(detail)"
        case .unsupportedFormat(let detail): "unsupported WAV format: \(detail)"
        case .io(let path, let detail): "\(path): \(detail)"
        }
    }
}
