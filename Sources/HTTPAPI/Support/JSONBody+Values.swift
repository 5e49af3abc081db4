import CallgateCore

extension JSONBody {
    /// A whole number within `range`; nil when absent or null.
    mutating func integer(_ key: String, in range: ClosedRange<Int>) throws(APIError) -> Int? {
        guard let value = take(key) else { return nil }
        guard case .number(let number) = value, number.rounded() == number, let whole = Int(exactly: number) else {
            throw APIError.badRequest(field: key, "must be a whole number, got \(value.encodedString.prefix(40))")
        }
        guard range.contains(whole) else { throw APIError.badRequest(field: key, "must be \(range.lowerBound)…\(range.upperBound), got \(whole)") }
        return whole
    }

    /// A number within `range`; nil when absent or null.
    mutating func number(_ key: String, in range: ClosedRange<Double>) throws(APIError) -> Double? {
        guard let value = take(key) else { return nil }
        guard case .number(let number) = value, number.isFinite else {
            throw APIError.badRequest(field: key, "must be a number, got \(value.typeDescription)")
        }
        guard range.contains(number) else { throw APIError.badRequest(field: key, "must be \(range.lowerBound)…\(range.upperBound), got \(number)") }
        return number
    }

    /// true or false; nil when absent or null.
    mutating func boolean(_ key: String) throws(APIError) -> Bool? {
        guard let value = take(key) else { return nil }
        guard case .bool(let flag) = value else { throw APIError.badRequest(field: key, "must be true or false, got \(value.typeDescription)") }
        return flag
    }

    /// A JSON object of at most `maxBytes` encoded; nil when absent or null.
    mutating func object(_ key: String, maxBytes: Int) throws(APIError) -> [String: JSONValue]? {
        guard let value = take(key) else { return nil }
        guard case .object(let fields) = value else { throw APIError.badRequest(field: key, "must be an object, got \(value.typeDescription)") }
        let size = value.encoded().count
        guard size <= maxBytes else { throw APIError.badRequest(field: key, "is \(size) bytes as JSON; at most \(maxBytes) allowed") }
        return fields
    }
}
