import Hummingbird
import HummingbirdTesting
import Testing
@testable import HTTPAPI

/// `GET /api/conferences` and the participant controls, over a backend without rooms: the shapes
/// of the answers and of the errors (the rooms themselves are tested with real calls in ServerTests).
@Suite struct ConferenceRouteTests {
    @Test func noRoomsIsAnEmptyList() async throws {
        try await makeTestApplication().test(.router) { client in
            let response = try await client.execute(uri: "/api/conferences", method: .get, headers: .authorized)
            #expect(response.status == .ok)
            #expect(response.text == #"{"conferences":[]}"#)
        }
    }

    @Test func anUnknownRoomIs404InTheAPIsErrorShape() async throws {
        try await makeTestApplication().test(.router) { client in
            for (uri, method) in [("/api/conferences/board/participants/c-1/mute", HTTPRequest.Method.post),
                                  ("/api/conferences/board/participants/c-1/unmute", .post),
                                  ("/api/conferences/board/participants/c-1", .delete)] {
                let response = try await client.execute(uri: uri, method: method, headers: .authorized)
                #expect(response.status == .notFound, "\(method) \(uri)")
                #expect(response.text == #"{"error":"not_found","message":"no conference room named board"}"#)
            }
        }
    }

    @Test func aBadRoomNameOrBodyIs400NamingTheField() async throws {
        try await makeTestApplication().test(.router) { client in
            let room = try await client.execute(uri: "/api/conferences/bad%20room/participants/c-1/mute", method: .post, headers: .authorized)
            #expect(room.status == .badRequest)
            #expect(room.text.contains(#""field":"room""#))
            let body = try await client.execute(uri: "/api/conferences/board/participants/c-1/mute", method: .post, headers: .authorized,
                                                body: ByteBuffer(string: #"{"muted":true}"#))
            #expect(body.status == .badRequest)
            #expect(body.text.contains(#""field":"muted""#))
        }
    }

    @Test func needsTheTokenAndTheRightMethod() async throws {
        try await makeTestApplication().test(.router) { client in
            #expect(try await client.execute(uri: "/api/conferences", method: .get).status == .unauthorized)
            #expect(try await client.execute(uri: "/api/conferences", method: .post, headers: .authorized).status == .methodNotAllowed)
            let get = try await client.execute(uri: "/api/conferences/board/participants/c-1", method: .get, headers: .authorized)
            #expect(get.status == .methodNotAllowed)
            let muteGet = try await client.execute(uri: "/api/conferences/board/participants/c-1/mute", method: .get, headers: .authorized)
            #expect(muteGet.status == .methodNotAllowed)
        }
    }
}
