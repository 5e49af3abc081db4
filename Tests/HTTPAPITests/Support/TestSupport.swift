import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
@testable import HTTPAPI

let testToken = "s3cret-token"

extension HTTPFields {
    static let authorized: HTTPFields = [.authorization: "Bearer \(testToken)"]
}

/// The API application on a free loopback port, as the engine would build it.
func makeTestApplication(backend: InMemoryBackend = InMemoryBackend(), token: String = testToken,
                         eventBacklog: Int = HTTPAPI.defaultEventBacklog) -> some ApplicationProtocol {
    var logger = Logger(label: "HTTPAPITests")
    logger.logLevel = .warning
    return HTTPAPI.makeApplication(address: .hostname("127.0.0.1", port: 0), version: "1.2.3", token: token,
                                   backend: backend, eventBacklog: eventBacklog, logger: logger)
}

extension TestResponse {
    /// The body as a JSON object, for checking fields.
    var json: [String: Any] {
        get throws {
            let object = try JSONSerialization.jsonObject(with: Data(body.readableBytesView))
            guard let dictionary = object as? [String: Any] else { throw TestFailure("body is not an object: \(object)") }
            return dictionary
        }
    }

    var text: String { String(buffer: body) }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension ByteBuffer {
    static func json(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }
}

/// Polls until `condition` holds, for at most `timeout`; for what the server does on its own tasks.
func eventually(timeout: Duration = .seconds(5), _ condition: () async -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while await !condition() {
        guard ContinuousClock.now < deadline else { throw TestFailure("condition not met within \(timeout)") }
        try await Task.sleep(for: .milliseconds(10))
    }
}

/// A number shared between test tasks.
final class SharedCounter: Sendable {
    private let value = Mutex(0)
    var current: Int { value.withLock { $0 } }
    func set(_ new: Int) { value.withLock { $0 = new } }
}
