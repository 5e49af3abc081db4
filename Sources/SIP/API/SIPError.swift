/// Why the SIP front could not do what was asked.
public enum SIPError: Error, CustomStringConvertible, Equatable {
    /// The listen address could not be bound (in use, not local, malformed).
    case bind(String)
    /// The stack is not started, or already shut down.
    case notRunning
    /// A URI given to `call(to:)` is not a usable sip:/sips: URI.
    case invalidURI(String)

    public var description: String {
        switch self {
        case .bind(let message): "SIP: cannot listen: \(message)"
        case .notRunning: "SIP: the stack is not running"
        case .invalidURI(let uri): "SIP: not a sip: or sips: URI with a host: \(uri)"
        }
    }
}
