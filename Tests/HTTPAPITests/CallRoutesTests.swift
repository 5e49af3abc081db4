import CallgateCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing
@testable import HTTPAPI

/// `/api/calls`: the live calls, hanging one up and pausing its recording, against a backend that
/// keeps two calls in memory and refuses as the engine does.
@Suite struct CallRoutesTests {
    static let talking = CallView(id: "20261207-201500-00a1beef", from: "+4930123456", to: "100", direction: .inbound,
                                  state: .talkingToAgent, route: "100", queue: "support", agent: "1001",
                                  startedAt: 1_796_674_500, seconds: 95.3, recording: true)
    static let ringing = CallView(id: "20261207-201620-00a2cafe", from: "+4930999999", to: "200", direction: .inbound,
                                  state: .ringing, route: "2*", startedAt: 1_796_674_580, seconds: 1.2)

    func app(_ backend: CallsBackend = CallsBackend()) -> some ApplicationProtocol {
        var logger = Logger(label: "HTTPAPITests")
        logger.logLevel = .warning
        return HTTPAPI.makeApplication(address: .hostname("127.0.0.1", port: 0), version: "1.2.3", token: testToken,
                                       backend: backend, logger: logger)
    }

    @Test func listsEveryLiveCallWithItsFields() async throws {
        try await app().test(.router) { client in
            let response = try await client.execute(uri: "/api/calls", method: .get, headers: .authorized)
            #expect(response.status == .ok)
            let calls = try #require(try response.json["calls"] as? [[String: Any]])
            #expect(calls.map { $0["id"] as? String } == [Self.talking.id, Self.ringing.id])
            #expect(calls[1]["queue"] is NSNull && calls[1]["agent"] is NSNull, "absent values are written as null")
        }
    }

    @Test func oneCallIsWrittenInSnakeCase() async throws {
        try await app().test(.router) { client in
            let response = try await client.execute(uri: "/api/calls/\(Self.talking.id)", method: .get, headers: .authorized)
            #expect(response.status == .ok)
            #expect(response.text == """
                {"agent":"1001","direction":"inbound","from":"+4930123456","id":"20261207-201500-00a1beef","queue":"support",\
                "recording":true,"recording_paused":false,"route":"100","seconds":95.3,"started_at":1796674500,\
                "state":"talking_to_agent","to":"100"}
                """)
        }
    }

    @Test func anUnknownCallIs404WithAJSONBody() async throws {
        try await app().test(.router) { client in
            for (uri, method) in [("/api/calls/nope", HTTPRequest.Method.get), ("/api/calls/nope", .delete),
                                  ("/api/calls/nope/recording/pause", .post), ("/api/calls/nope/recording/resume", .post)] {
                let response = try await client.execute(uri: uri, method: method, headers: .authorized)
                #expect(response.status == .notFound, "\(method) \(uri)")
                #expect(try response.json["error"] as? String == "not_found")
                #expect(try response.json["message"] as? String == "no live call with id nope (it may have ended)")
            }
        }
    }

    @Test func hangingUpIs204ThenAConflict() async throws {
        let backend = CallsBackend()
        try await app(backend).test(.router) { client in
            let first = try await client.execute(uri: "/api/calls/\(Self.ringing.id)", method: .delete, headers: .authorized)
            #expect(first.status == .noContent)
            let second = try await client.execute(uri: "/api/calls/\(Self.ringing.id)", method: .delete, headers: .authorized)
            #expect(second.status == .conflict)
            #expect(try second.json["error"] as? String == "call_ending")
            #expect(try second.json["message"] as? String == "call \(Self.ringing.id) is already being hung up")
        }
        #expect(backend.requests == ["hangup \(Self.ringing.id)", "hangup \(Self.ringing.id)"])
    }

    @Test func pauseAndResumeAnswer204And409AsTheRecordingAllows() async throws {
        try await app().test(.router) { client in
            func post(_ call: String, _ action: String) async throws -> TestResponse {
                try await client.execute(uri: "/api/calls/\(call)/recording/\(action)", method: .post, headers: .authorized)
            }
            #expect(try await post(Self.talking.id, "resume").status == .conflict)
            #expect(try await post(Self.talking.id, "pause").status == .noContent)
            let twice = try await post(Self.talking.id, "pause")
            #expect(twice.status == .conflict)
            #expect(try twice.json["error"] as? String == "already_paused")
            let call = try await client.execute(uri: "/api/calls/\(Self.talking.id)", method: .get, headers: .authorized)
            #expect(try call.json["recording_paused"] as? Bool == true)
            #expect(try await post(Self.talking.id, "resume").status == .noContent)
            let notPaused = try await post(Self.talking.id, "resume")
            #expect(try notPaused.json["error"] as? String == "not_paused")
            let nothing = try await post(Self.ringing.id, "pause")
            #expect(nothing.status == .conflict)
            #expect(try nothing.json["error"] as? String == "not_recording")
            #expect(try nothing.json["message"] as? String == "call \(Self.ringing.id) is not being recorded")
        }
    }

    @Test func aBodyWithUnknownFieldsIsRefused() async throws {
        try await app().test(.router) { client in
            let response = try await client.execute(uri: "/api/calls/\(Self.talking.id)/recording/pause", method: .post,
                                                    headers: .authorized, body: .json(#"{"seconds":30}"#))
            #expect(response.status == .badRequest)
            #expect(try response.json["field"] as? String == "seconds")
        }
    }

    @Test func everyCallRouteNeedsTheToken() async throws {
        try await app().test(.router) { client in
            for (uri, method) in [("/api/calls", HTTPRequest.Method.get), ("/api/calls/\(Self.talking.id)", .delete),
                                  ("/api/calls/\(Self.talking.id)/recording/pause", .post)] {
                let response = try await client.execute(uri: uri, method: method)
                #expect(response.status == .unauthorized, "\(method) \(uri)")
            }
        }
    }

    @Test func aBackendWithoutCallsListsNoneAndKnowsNone() async throws {
        try await makeTestApplication().test(.router) { client in
            let list = try await client.execute(uri: "/api/calls", method: .get, headers: .authorized)
            #expect(list.text == #"{"calls":[]}"#)
            let hangup = try await client.execute(uri: "/api/calls/c-1", method: .delete, headers: .authorized)
            #expect(hangup.status == .notFound)
        }
    }

    @Test func otherMethodsAre405() async throws {
        try await app().test(.router) { client in
            let list = try await client.execute(uri: "/api/calls", method: .post, headers: .authorized)
            #expect(list.status == .methodNotAllowed)
            #expect(list.headers[.allow] == "GET")
            let one = try await client.execute(uri: "/api/calls/x", method: .put, headers: .authorized)
            #expect(one.headers[.allow] == "GET, DELETE")
            let pause = try await client.execute(uri: "/api/calls/x/recording/pause", method: .get, headers: .authorized)
            #expect(pause.status == .methodNotAllowed)
            #expect(pause.headers[.allow] == "POST")
        }
    }
}

/// Two live calls, with the engine's refusals: a second hangup is a conflict, and only the recorded
/// call can be paused.
final class CallsBackend: OperationsBackend {
    private struct State {
        var calls = [CallRoutesTests.talking, CallRoutesTests.ringing]
        var ending: Set<String> = []
        var requests: [String] = []
    }
    private let state = Mutex(State())

    var requests: [String] { state.withLock { $0.requests } }

    func liveCalls() async -> [CallView] { state.withLock { $0.calls } }

    func hangUp(call: String) async throws(CallControlError) {
        let result: Result<Void, CallControlError> = state.withLock { state in
            state.requests.append("hangup \(call)")
            guard state.calls.contains(where: { $0.id == call }) else { return .failure(.unknownCall(call)) }
            guard state.ending.insert(call).inserted else { return .failure(.ending(call)) }
            return .success(())
        }
        try result.get()
    }

    func setRecordingPaused(_ paused: Bool, call: String) async throws(CallControlError) {
        let result: Result<Void, CallControlError> = state.withLock { state in
            guard let index = state.calls.firstIndex(where: { $0.id == call }) else { return .failure(.unknownCall(call)) }
            guard state.calls[index].recording else { return .failure(.notRecording(call)) }
            if paused, state.calls[index].recordingPaused { return .failure(.alreadyPaused(call)) }
            if !paused, !state.calls[index].recordingPaused { return .failure(.notPaused(call)) }
            state.calls[index].recordingPaused = paused
            return .success(())
        }
        try result.get()
    }

    func status() async -> EngineStatus { EngineStatus(version: "1.2.3", activeCalls: 2, registeredAgents: 1, uptimeSeconds: 60) }
    func queues() async -> [QueueView] { [] }
    func agents() async -> [AgentView] { [] }
    func login(agent: String, queues: [String]?) async throws(OperationsError) { throw .unknownAgent(agent) }
    func logout(agent: String) async throws(OperationsError) { throw .unknownAgent(agent) }
    func pause(agent: String, reason: String) async throws(OperationsError) { throw .unknownAgent(agent) }
    func unpause(agent: String) async throws(OperationsError) { throw .unknownAgent(agent) }
    func events() -> AsyncStream<EngineEvent> { AsyncStream { $0.finish() } }
}
