/// Why the media engine refused a request. Each case says what to fix.
public enum MediaError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Not an IPv4 address literal.
    case invalidAddress(String)
    /// The port range cannot hold one RTP/RTCP pair (an even port and the odd one above it).
    case invalidPortRange(ClosedRange<UInt16>)
    /// Every even/odd pair in the range is taken, by our legs or by other programs.
    case portsExhausted(ClosedRange<UInt16>)
    /// A socket or kernel call failed for a reason other than a taken port.
    case system(String)
    /// The engine has been shut down.
    case engineStopped
    /// The recording file could not be created.
    case recordingFile(path: String, String)

    public var description: String {
        switch self {
        case .invalidAddress(let host): "'\(host)' is not an IPv4 address"
        case .invalidPortRange(let range): "RTP port range \(range) holds no even/odd port pair"
        case .portsExhausted(let range): "no free RTP port pair left in \(range): raise the range or lower the call limit"
        case .system(let detail): detail
        case .engineStopped: "the media engine has been shut down"
        case .recordingFile(let path, let detail): "cannot record to \(path): \(detail)"
        }
    }
}
