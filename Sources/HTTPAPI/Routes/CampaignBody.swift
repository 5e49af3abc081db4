import CallgateCore
import Foundation
import Hummingbird

/// Request bodies of the campaign routes: a campaign definition (JSON, strict about its fields)
/// and a contacts CSV (text).
enum CampaignBody {
    static let definitionFields: Set = ["name", "kind", "route", "queue", "mode", "caller_id", "ring_seconds", "window",
                                        "max_concurrent", "max_attempts", "retry_delays", "machine_detection", "abandon_cap",
                                        "abandon_message"]

    static func definition(_ request: Request, context: APIContext) async throws -> CampaignDefinition {
        let buffer = try await collect(request, limit: context.maxUploadSize)
        guard let value = try? JSONValue.parse(buffer.readableBytesView), case .object(let object) = value else {
            throw APIError.badRequest(field: "body", "must be a JSON object (docs/api.md#campaigns)")
        }
        if let unknown = object.keys.filter({ !definitionFields.contains($0) }).sorted().first {
            throw APIError.badRequest(field: unknown, "is not a field of a campaign")
        }
        do {
            let definition = try JSONDecoder().decode(CampaignDefinition.self, from: Data(buffer.readableBytesView))
            try definition.validate()
            return definition
        } catch let error as CampaignError {
            throw APIError(error)
        } catch let DecodingError.keyNotFound(key, _) {
            throw APIError.badRequest(field: key.stringValue, "is required")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context),
                let DecodingError.dataCorrupted(context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw APIError.badRequest(field: field.isEmpty ? "body" : field, context.debugDescription)
        }
    }

    static func text(_ request: Request, limit: Int) async throws -> String {
        let buffer = try await collect(request, limit: limit)
        guard buffer.readableBytes > 0 else { throw APIError.badRequest(field: "body", "a CSV text with a header line is required") }
        guard let text = String(validating: buffer.readableBytesView, as: UTF8.self) else {
            throw APIError.badRequest(field: "body", "is not UTF-8 text")
        }
        return text
    }

    static func collect(_ request: Request, limit: Int) async throws -> ByteBuffer {
        do {
            return try await request.body.collect(upTo: limit)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw APIError(status: .contentTooLarge, code: "content_too_large", message: "the body is larger than \(limit) bytes")
        }
    }
}
