import Foundation

extension JSONValue {
    /// Converts any Encodable value into a JSONValue tree (snake_case keys as written by its CodingKeys).
    public static func encoding(_ value: some Encodable) -> JSONValue {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        guard let data = try? encoder.encode(value), let json = try? JSONValue.parse(data) else { return .null }
        return json
    }
}
