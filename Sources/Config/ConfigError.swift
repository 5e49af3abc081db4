/// Why a configuration was refused: which file, which key, and what is wrong with it.
///
/// Printed as `callgate.yaml: rtp.port_min: must be an even number …`, or for a YAML syntax
/// error as `callgate.yaml:3:9: syntax error: …`.
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file as it was named (`--config` argument, or `(embedded default)`).
    public var file: String
    /// Where in the document, such as `routes[1].scenario`; nil for a problem with the whole file.
    public var keyPath: String?
    /// 1-based position of the offending node, when known.
    public var line: Int?
    public var column: Int?
    /// What is wrong, and when possible how to fix it.
    public var message: String

    public init(file: String, keyPath: String? = nil, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.keyPath = keyPath
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        if let keyPath { return "\(file): \(keyPath): \(message)" }
        if let line, let column { return "\(file):\(line):\(column): \(message)" }
        return "\(file): \(message)"
    }
}
