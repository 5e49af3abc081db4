/// A source refused after too many failed logins: every request from `source` (or, when
/// `extension` is set, every request from `source` naming that extension) gets 403 until `until`.
public struct AuthBan: Sendable, Hashable {
    /// The IP address the failures came from (no port).
    public var source: String
    /// nil: the whole source is banned; otherwise only its requests for this extension.
    public var `extension`: String?
    /// When the ban ends, in seconds since 1970 (UTC).
    public var until: Int
    /// Failures counted when the ban started.
    public var failures: Int

    public init(source: String, extension: String?, until: Int, failures: Int) {
        self.source = source
        self.extension = `extension`
        self.until = until
        self.failures = failures
    }
}
