import CallgateCore
import Foundation

/// One file of `replies/bad`: a reply and the error it must give.
struct BadReplyFixture: Decodable {
    var reply: JSONValue
    var field: String
    var problemContains: String
    /// "invalid" when docs/schema/reply.schema.json rejects the reply too, "valid" when only the engine does.
    var schema: String

    enum CodingKeys: String, CodingKey {
        case reply, field, problemContains = "problem_contains", schema
    }

    init(named name: String) throws {
        self = try JSONDecoder().decode(Self.self, from: Fixtures.data(name, in: Fixtures.badReplies))
    }
}
