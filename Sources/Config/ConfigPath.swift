import Foundation

/// A path from the configuration: as written (for messages) and resolved to an absolute path.
public struct ConfigPath: Sendable, Hashable, CustomStringConvertible {
    public var written: String
    /// Absolute: `written` itself when it starts with `/`, else `written` under the base folder.
    public var resolved: String

    public init(_ written: String, relativeTo base: String) {
        self.written = written
        let path = written.hasPrefix("/") ? written : (base.hasSuffix("/") ? base : base + "/") + written
        resolved = URL(fileURLWithPath: path).standardizedFileURL.path
    }

    public var description: String { written }
}
