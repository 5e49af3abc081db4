/// Reads the fields of one JSON object strictly: each typed getter checks the value,
/// and `finish()` refuses any key that was never read (a typo like `"fil"` is an error, not a silent default).
public struct FieldReader {
    public let path: String
    private let object: [String: JSONValue]
    private var read: Set<String> = []

    public init(path: String, value: JSONValue) throws(ReplyError) {
        guard case .object(let object) = value else {
            throw ReplyError(field: path, problem: "must be an object, got \(value.typeDescription)")
        }
        self.path = path
        self.object = object
    }

    public func field(_ key: String) -> String { "\(path).\(key)" }

    public mutating func raw(_ key: String) -> JSONValue? {
        read.insert(key)
        guard let value = object[key], value != .null else { return nil }
        return value
    }

    public mutating func string(_ key: String, maxLength: Int = 4096) throws(ReplyError) -> String? {
        guard let value = raw(key) else { return nil }
        guard case .string(let s) = value else {
            throw ReplyError(field: field(key), problem: "must be a string, got \(value.typeDescription)")
        }
        guard s.count <= maxLength else {
            throw ReplyError(field: field(key), problem: "is \(s.count) characters long; at most \(maxLength) allowed")
        }
        return s
    }

    public mutating func requiredString(_ key: String, maxLength: Int = 4096) throws(ReplyError) -> String {
        guard let s = try string(key, maxLength: maxLength) else { throw missing(key) }
        guard !s.isEmpty else { throw ReplyError(field: field(key), problem: "must not be empty") }
        return s
    }

    public mutating func number(_ key: String, in range: ClosedRange<Double>, unit: String = "") throws(ReplyError) -> Double? {
        guard let value = raw(key) else { return nil }
        guard case .number(let n) = value else {
            throw ReplyError(field: field(key), problem: "must be a number\(unit.isEmpty ? "" : " of\(unit)"), got \(value.typeDescription)")
        }
        guard range.contains(n) else {
            let lo = JSONValue.format(range.lowerBound), hi = JSONValue.format(range.upperBound)
            throw ReplyError(field: field(key), problem: "must be between \(lo) and \(hi)\(unit), got \(JSONValue.format(n))")
        }
        return n
    }

    public mutating func integer(_ key: String, in range: ClosedRange<Int>) throws(ReplyError) -> Int? {
        guard let value = raw(key) else { return nil }
        guard case .number(let n) = value, n.rounded() == n else {
            throw ReplyError(field: field(key), problem: "must be a whole number, got \(value.encodedString)")
        }
        guard n >= Double(range.lowerBound), n <= Double(range.upperBound) else {
            throw ReplyError(field: field(key), problem: "must be between \(range.lowerBound) and \(range.upperBound), got \(JSONValue.format(n))")
        }
        return Int(n)
    }

    public mutating func bool(_ key: String) throws(ReplyError) -> Bool? {
        guard let value = raw(key) else { return nil }
        guard case .bool(let b) = value else {
            throw ReplyError(field: field(key), problem: "must be true or false, got \(value.encodedString)")
        }
        return b
    }

    /// A set of DTMF keys such as "#" or "*#"; the empty string means none.
    public mutating func keys(_ key: String, maxLength: Int = 1) throws(ReplyError) -> String? {
        guard let s = try string(key, maxLength: maxLength) else { return nil }
        guard s.allSatisfy(DTMF.isKey) else {
            throw ReplyError(field: field(key), problem: "must be DTMF keys (0-9, *, #, A-D), got \"\(s)\"")
        }
        return s
    }

    /// The error for a required field that is absent; a near-miss key (`"fil"` for `"file"`) is named as the typo it is.
    public func missing(_ key: String) -> ReplyError {
        if let typo = object.keys.sorted().first(where: { $0 != key && object[key] == nil && Self.distance($0, key) <= 2 }) {
            return ReplyError(field: field(typo), problem: "is not a field of this action; did you mean \"\(key)\"?")
        }
        return ReplyError(field: field(key), problem: "is required")
    }

    /// Edit distance between two short names.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }

    /// Refuses keys that no getter read: they are typos or fields this action does not have.
    public func finish(allowing extra: Set<String> = ["action"], of what: String = "this action") throws(ReplyError) {
        let unknown = object.keys.filter { !read.contains($0) && !extra.contains($0) }.sorted()
        if let first = unknown.first {
            let known = read.union(extra).sorted().joined(separator: ", ")
            throw ReplyError(field: field(first), problem: "is not a field of \(what) (known: \(known))")
        }
    }
}
