/// What can go wrong in the store beyond SQLite's own errors, which pass through unchanged.
public enum StorageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The database file (or its folder) could not be created, opened or migrated.
    case cannotOpen(path: String, reason: String)
    /// A column that holds JSON text did not parse: the row was written by something else.
    case corruptJSON(table: String, key: String, column: String)
    /// A column holds a name this version does not know, such as a queue log event from a newer engine.
    case unknownValue(table: String, key: String, column: String, value: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open the database \(path): \(reason)"
        case .corruptJSON(let table, let key, let column): "\(table) \(key): column \(column) does not hold valid JSON"
        case .unknownValue(let table, let key, let column, let value): "\(table) \(key): column \(column) holds the unknown value \(value)"
        }
    }
}
