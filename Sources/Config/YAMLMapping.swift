import Yams

/// The keys of one YAML mapping, already checked against the keys it may hold.
struct YAMLMapping {
    let value: YAMLValue
    let entries: [(String, Node)]

    subscript(key: String) -> YAMLValue? {
        entries.first { $0.0 == key }.map { YAMLValue(node: $0.1, path: value.path / key, file: value.file) }
    }

    /// The key's value read with `read`, or nil when the key is absent.
    func optional<T>(_ key: String, _ read: (YAMLValue) throws(ConfigError) -> T) throws(ConfigError) -> T? {
        guard let found = self[key] else { return nil }
        return try read(found)
    }

    func required<T>(_ key: String, hint: String = "", _ read: (YAMLValue) throws(ConfigError) -> T) throws(ConfigError) -> T {
        guard let found = self[key] else {
            throw YAMLValue(node: value.node, path: value.path / key, file: value.file).error("is required" + hint)
        }
        return try read(found)
    }
}
