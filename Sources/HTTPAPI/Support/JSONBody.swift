import CallgateCore
import Hummingbird

/// The JSON object of a request body, read strictly: each getter checks its field's type, and
/// `finish()` refuses fields nobody read, so a typo (`"reasn"`) is a 400 naming it, not a silent default.
struct JSONBody {
    private let object: [String: JSONValue]
    private var read: Set<String> = []

    /// Reads the body; an empty body is an empty object when `optional`.
    static func read(_ request: Request, context: APIContext, optional: Bool) async throws -> JSONBody {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: context.maxUploadSize)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw APIError(status: .contentTooLarge, code: "content_too_large",
                           message: "the body is larger than \(context.maxUploadSize) bytes")
        }
        if buffer.readableBytes == 0 {
            guard optional else { throw APIError.badRequest(field: "body", "a JSON object is required") }
            return JSONBody(object: [:])
        }
        guard let value = try? JSONValue.parse(buffer.readableBytesView) else {
            throw APIError.badRequest(field: "body", "is not valid JSON")
        }
        guard case .object(let object) = value else {
            throw APIError.badRequest(field: "body", "must be a JSON object, got \(value.typeDescription)")
        }
        return JSONBody(object: object)
    }

    init(object: [String: JSONValue]) {
        self.object = object
    }

    /// A string field; nil when absent or null.
    mutating func string(_ key: String, maxLength: Int) throws(APIError) -> String? {
        read.insert(key)
        guard let value = object[key], value != .null else { return nil }
        guard case .string(let text) = value else {
            throw APIError.badRequest(field: key, "must be a string, got \(value.typeDescription)")
        }
        guard !text.isEmpty else { throw APIError.badRequest(field: key, "must not be empty") }
        guard text.count <= maxLength else {
            throw APIError.badRequest(field: key, "is \(text.count) characters long; at most \(maxLength) allowed")
        }
        return text
    }

    mutating func requiredString(_ key: String, maxLength: Int) throws(APIError) -> String {
        guard let text = try string(key, maxLength: maxLength) else { throw APIError.badRequest(field: key, "is required") }
        return text
    }

    /// A non-empty array of non-empty strings; nil when absent or null.
    mutating func strings(_ key: String) throws(APIError) -> [String]? {
        read.insert(key)
        guard let value = object[key], value != .null else { return nil }
        guard case .array(let items) = value else {
            throw APIError.badRequest(field: key, "must be an array of strings, got \(value.typeDescription)")
        }
        guard !items.isEmpty else { throw APIError.badRequest(field: key, "must name at least one; leave it out for the default") }
        return try items.enumerated().map { (index, item) throws(APIError) -> String in
            guard case .string(let text) = item, !text.isEmpty else {
                throw APIError.badRequest(field: "\(key)[\(index)]", "must be a non-empty string, got \(item.encodedString)")
            }
            return text
        }
    }

    /// The field's value, marked as read; nil when absent or null.
    mutating func take(_ key: String) -> JSONValue? {
        read.insert(key)
        guard let value = object[key], value != .null else { return nil }
        return value
    }

    /// Refuses fields that no getter read.
    func finish() throws(APIError) {
        if let unknown = object.keys.filter({ !read.contains($0) }).sorted().first {
            let known = read.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
            throw APIError.badRequest(field: unknown, "is not a field of this request (known: \(known.isEmpty ? "none" : known))")
        }
    }
}
