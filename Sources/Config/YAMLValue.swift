import CallgateCore
import Yams

/// A YAML node and its place in the document. Every read either returns the typed value or
/// throws a `ConfigError` naming the file, the key path and what is wrong.
struct YAMLValue {
    let node: Node
    let path: ConfigKeyPath
    let file: String

    func error(_ message: String) -> ConfigError {
        ConfigError(
            file: file, keyPath: path.components.isEmpty ? nil : path.description, line: node.mark?.line,
            column: node.mark?.column, message: message)
    }

    /// The resolved tag: `str`, `int`, `float`, `bool`, `null`, `map`, `seq`.
    var tagName: Tag.Name { Tag.Name(rawValue: node.tag.rawValue) }

    var isNull: Bool { node.scalar != nil && tagName == .null }

    /// The value as a message shows it: `"text"` for strings, `7` for numbers, `a list` …
    var shown: String {
        switch node {
        case .scalar(let scalar):
            switch tagName {
            case .null: "nothing"
            case .str: "\"\(scalar.string)\""
            default: scalar.string
            }
        case .sequence: "a list"
        case .mapping: "a mapping"
        case .alias: "an alias"
        }
    }

    /// Any scalar but null and booleans, as written: `data_dir: 2024` is the folder "2024".
    func string() throws(ConfigError) -> String {
        guard case .scalar(let scalar) = node, tagName != .null else {
            throw error("must be a string, got \(shown)")
        }
        if tagName == .bool {
            throw error("must be a string, got \(scalar.string) (quote it if you mean the text: \"\(scalar.string)\")")
        }
        return scalar.string
    }

    func int() throws(ConfigError) -> Int {
        guard node.scalar != nil, tagName == .int, let value = node.int else {
            throw error("must be a whole number, got \(shown)")
        }
        return value
    }

    /// A finite number, whole or not.
    func number() throws(ConfigError) -> Double {
        guard node.scalar != nil, tagName == .int || tagName == .float,
            let value = tagName == .int ? node.int.map(Double.init) : node.float, value.isFinite
        else {
            throw error("must be a number, got \(shown)")
        }
        return value
    }

    func bool() throws(ConfigError) -> Bool {
        guard node.scalar != nil, tagName == .bool, let value = node.bool else {
            throw error("must be true or false, got \(shown)")
        }
        return value
    }

    /// A mapping with keys of the user's choosing (skill names …), in document order.
    func entries(what: String) throws(ConfigError) -> [(String, YAMLValue)] {
        if isNull { return [] }
        guard case .mapping(let mapping) = node else { throw error("must be a mapping of \(what), got \(shown)") }
        var result: [(String, YAMLValue)] = []
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let key) = keyNode else {
                throw YAMLValue(node: keyNode, path: path, file: file).error("keys must be plain names")
            }
            result.append((key.string, YAMLValue(node: valueNode, path: path / key.string, file: file)))
        }
        return result
    }

    func list() throws(ConfigError) -> [YAMLValue] {
        guard case .sequence(let sequence) = node else { throw error("must be a list, got \(shown)") }
        return sequence.enumerated().map { YAMLValue(node: $1, path: path.appending($0), file: file) }
    }

    /// A mapping whose keys must all be in `allowed`; `refused` maps keys to the reason they are refused.
    /// A key with no value at all (`sip:`) reads as an empty mapping.
    func mapping(allowed: [String], refused: [String: String] = [:]) throws(ConfigError) -> YAMLMapping {
        if isNull { return YAMLMapping(value: self, entries: []) }
        guard case .mapping(let mapping) = node else { throw error("must be a mapping of keys, got \(shown)") }
        var entries: [(String, Node)] = []
        for (keyNode, valueNode) in mapping {
            let keyValue = YAMLValue(node: keyNode, path: path, file: file)
            guard case .scalar(let scalar) = keyNode else { throw keyValue.error("keys must be plain names, got \(keyValue.shown)") }
            let key = scalar.string
            let at = YAMLValue(node: keyNode, path: path / key, file: file)
            if let reason = refused[key] { throw at.error(reason) }
            guard allowed.contains(key) else { throw at.error(Self.unknownKey(key, allowed: allowed)) }
            entries.append((key, valueNode))
        }
        return YAMLMapping(value: self, entries: entries)
    }

    /// The value as JSON: for route `vars`.
    func json() throws(ConfigError) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            switch tagName {
            case .null: return .null
            case .bool: return .bool(node.bool ?? false)
            case .int, .float: return .number(try number())
            default: return .string(scalar.string)
            }
        case .sequence:
            var items: [JSONValue] = []
            for item in try list() { items.append(try item.json()) }
            return .array(items)
        case .mapping(let mapping):
            var object: [String: JSONValue] = [:]
            for (keyNode, valueNode) in mapping {
                guard case .scalar(let key) = keyNode else {
                    throw YAMLValue(node: keyNode, path: path, file: file).error("keys must be strings")
                }
                object[key.string] = try YAMLValue(node: valueNode, path: path / key.string, file: file).json()
            }
            return .object(object)
        case .alias:
            throw error("must be a plain value, got an alias")
        }
    }

    static func unknownKey(_ key: String, allowed: [String]) -> String {
        let closest = allowed.map { ($0, editDistance(key, $0)) }.min { $0.1 < $1.1 }
        if let (name, distance) = closest, distance <= max(1, min(3, name.count / 3)) {
            return "unknown key; did you mean \"\(name)\"?"
        }
        if key.count >= 3, let name = allowed.first(where: { $0.hasPrefix(key) || key.hasPrefix($0) }) {
            return "unknown key; did you mean \"\(name)\"?"
        }
        return "unknown key; expected one of: \(allowed.joined(separator: ", "))"
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
