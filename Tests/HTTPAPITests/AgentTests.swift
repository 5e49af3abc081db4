import Hummingbird
import HummingbirdTesting
import Testing
@testable import HTTPAPI

@Suite struct AgentReadTests {
    @Test func listsEveryAgent() async throws {
        try await makeTestApplication().test(.router) { client in
            let response = try await client.execute(uri: "/api/agents", method: .get, headers: .authorized)
            #expect(response.status == .ok)
            let agents = try #require(try response.json["agents"] as? [[String: Any]])
            #expect(agents.map { $0["extension"] as? String } == ["1001", "1002", "1003"])
            #expect(agents.map { $0["status"] as? String } == ["available", "on_call", "logged_out"])
            #expect(agents[1]["current_call_id"] as? String == "c-7f3a2e")
        }
    }

    @Test func oneAgentHasEveryKey() async throws {
        try await makeTestApplication().test(.router) { client in
            let response = try await client.execute(uri: "/api/agents/1001", method: .get, headers: .authorized)
            #expect(response.status == .ok)
            #expect(response.text == """
                {"calls_taken":12,"current_call_id":null,"extension":"1001","name":"Alice","pause_reason":null,\
                "queues":["sales","support"],"registered":true,"status":"available","talk_seconds":2310.5}
                """)
        }
    }

    @Test func unknownAgentIs404() async throws {
        try await makeTestApplication().test(.router) { client in
            let response = try await client.execute(uri: "/api/agents/9999", method: .get, headers: .authorized)
            #expect(response.status == .notFound)
            #expect(try response.json["message"] as? String == "no agent with extension 9999")
        }
    }
}

@Suite struct AgentActionTests {
    @Test func loginWithoutBodyUsesTheConfiguredQueues() async throws {
        let backend = InMemoryBackend()
        try await makeTestApplication(backend: backend).test(.router) { client in
            let response = try await client.execute(uri: "/api/agents/1003/login", method: .post, headers: .authorized)
            #expect(response.status == .noContent)
            #expect(response.body.readableBytes == 0)
        }
        #expect(backend.calls == ["login 1003 default"])
        #expect(await backend.agents()[2].status == .available)
    }

    @Test func loginIntoNamedQueues() async throws {
        let backend = InMemoryBackend()
        try await makeTestApplication(backend: backend).test(.router) { client in
            let response = try await client.execute(uri: "/api/agents/1003/login", method: .post, headers: .authorized,
                                                    body: .json(#"{"queues": ["sales", "after hours"]}"#))
            #expect(response.status == .noContent)
        }
        #expect(backend.calls == ["login 1003 sales,after hours"])
        #expect(await backend.agents()[2].queues == ["sales", "after hours"])
    }

    @Test func loginIntoAnUnknownQueueIs400NamingQueues() async throws {
        try await makeTestApplication().test(.router) { client in
            let response = try await client.execute(uri: "/api/agents/1003/login", method: .post, headers: .authorized,
                                                    body: .json(#"{"queues": ["billing"]}"#))
            #expect(response.status == .badRequest)
            let json = try response.json
            #expect(json["field"] as? String == "queues")
            #expect(json["message"] as? String == "queues: no queue named billing")
        }
    }

    @Test(arguments: [
        (#"{"queues": "sales"}"#, "queues"),
        (#"{"queues": []}"#, "queues"),
        (#"{"queues": ["sales", 7]}"#, "queues[1]"),
        (#"{"queue": ["sales"]}"#, "queue"),
        (#"["sales"]"#, "body"),
        (#"{"queues": ["sales"]"#, "body"),
    ])
    func badLoginBodyIs400NamingTheField(body: String, field: String) async throws {
        let backend = InMemoryBackend()
        try await makeTestApplication(backend: backend).test(.router) { client in
            let response = try await client.execute(uri: "/api/agents/1003/login", method: .post, headers: .authorized,
                                                    body: .json(body))
            #expect(response.status == .badRequest)
            let json = try response.json
            #expect(json["error"] as? String == "bad_request")
            #expect(json["field"] as? String == field)
            #expect((json["message"] as? String)?.hasPrefix("\(field): ") == true)
        }
        #expect(backend.calls.isEmpty, "a bad body never reaches the engine")
    }

    @Test func pauseAndUnpause() async throws {
        let backend = InMemoryBackend()
        try await makeTestApplication(backend: backend).test(.router) { client in
            let pause = try await client.execute(uri: "/api/agents/1001/pause", method: .post, headers: .authorized,
                                                 body: .json(#"{"reason": "lunch"}"#))
            #expect(pause.status == .noContent)
            let paused = try await client.execute(uri: "/api/agents/1001", method: .get, headers: .authorized)
            #expect(try paused.json["status"] as? String == "paused")
            #expect(try paused.json["pause_reason"] as? String == "lunch")
            let unpause = try await client.execute(uri: "/api/agents/1001/unpause", method: .post, headers: .authorized)
            #expect(unpause.status == .noContent)
        }
        #expect(backend.calls == ["pause 1001 lunch", "unpause 1001"])
    }

    @Test func pauseReasonOfExactly100CharactersIsTaken() async throws {
        let reason = String(repeating: "é", count: 100)
        let backend = InMemoryBackend()
        try await makeTestApplication(backend: backend).test(.router) { client in
            let response = try await client.execute(uri: "/api/agents/1001/pause", method: .post, headers: .authorized,
                                                    body: .json(#"{"reason": "\#(reason)"}"#))
            #expect(response.status == .noContent)
        }
        #expect(backend.calls == ["pause 1001 \(reason)"])
    }

    @Test(arguments: [
        ("", "body", "a JSON object is required"),
        ("{}", "reason", "is required"),
        (#"{"reason": null}"#, "reason", "is required"),
        (#"{"reason": ""}"#, "reason", "must not be empty"),
        (#"{"reason": 5}"#, "reason", "must be a string, got a number"),
        (#"{"reason": "\#(String(repeating: "x", count: 101))"}"#, "reason", "is 101 characters long; at most 100 allowed"),
        (#"{"reason": "lunch", "minutes": 30}"#, "minutes", #"is not a field of this request (known: "reason")"#),
        ("lunch", "body", "is not valid JSON"),
    ])
    func badPauseBodyIs400NamingTheField(body: String, field: String, problem: String) async throws {
        let backend = InMemoryBackend()
        try await makeTestApplication(backend: backend).test(.router) { client in
            let response = try await client.execute(uri: "/api/agents/1001/pause", method: .post, headers: .authorized,
                                                    body: body.isEmpty ? nil : .json(body))
            #expect(response.status == .badRequest)
            let json = try response.json
            #expect(json["field"] as? String == field)
            #expect(json["message"] as? String == "\(field): \(problem)")
        }
        #expect(backend.calls.isEmpty)
    }

    @Test func oversizedBodyIs413() async throws {
        try await makeTestApplication().test(.router) { client in
            let body = #"{"reason": "\#(String(repeating: "x", count: 20_000))"}"#
            let response = try await client.execute(uri: "/api/agents/1001/pause", method: .post, headers: .authorized,
                                                    body: .json(body))
            #expect(response.status == .contentTooLarge)
            #expect(try response.json["error"] as? String == "content_too_large")
        }
    }

    @Test(arguments: ["login", "logout", "pause", "unpause"])
    func unknownAgentIs404(action: String) async throws {
        try await makeTestApplication().test(.router) { client in
            let response = try await client.execute(uri: "/api/agents/9999/\(action)", method: .post, headers: .authorized,
                                                    body: action == "pause" ? .json(#"{"reason": "lunch"}"#) : nil)
            #expect(response.status == .notFound)
            #expect(try response.json["message"] as? String == "no agent with extension 9999")
        }
    }

    @Test func refusalInTheAgentsStateIs409() async throws {
        try await makeTestApplication().test(.router) { client in
            let response = try await client.execute(uri: "/api/agents/1002/logout", method: .post, headers: .authorized)
            #expect(response.status == .conflict)
            let json = try response.json
            #expect(json["error"] as? String == "conflict")
            #expect(json["message"] as? String == "agent 1002 is on a call")
        }
    }

    @Test func logout() async throws {
        let backend = InMemoryBackend()
        try await makeTestApplication(backend: backend).test(.router) { client in
            let response = try await client.execute(uri: "/api/agents/1001/logout", method: .post, headers: .authorized,
                                                    body: .json("{}"))
            #expect(response.status == .noContent)
        }
        #expect(backend.calls == ["logout 1001"])
        #expect(await backend.agents()[0].status == .loggedOut)
    }

    @Test func actionsOverARealSocket() async throws {
        let backend = InMemoryBackend()
        try await makeTestApplication(backend: backend).test(.live) { client in
            let pause = try await client.execute(uri: "/api/agents/1001/pause", method: .post, headers: .authorized,
                                                 body: .json(#"{"reason": "coaching"}"#))
            #expect(pause.status == .noContent)
            let agent = try await client.execute(uri: "/api/agents/1001", method: .get, headers: .authorized)
            #expect(try agent.json["pause_reason"] as? String == "coaching")
            let unauthorized = try await client.execute(uri: "/api/agents/1001/unpause", method: .post)
            #expect(unauthorized.status == .unauthorized)
        }
        #expect(backend.calls == ["pause 1001 coaching"])
    }

    @Test func logoutTakesNoFields() async throws {
        try await makeTestApplication().test(.router) { client in
            let response = try await client.execute(uri: "/api/agents/1001/logout", method: .post, headers: .authorized,
                                                    body: .json(#"{"force": true}"#))
            #expect(response.status == .badRequest)
            #expect(try response.json["message"] as? String == "force: is not a field of this request (known: none)")
        }
    }

    @Test(arguments: ["login", "logout", "pause", "unpause"])
    func actionsArePostOnly(action: String) async throws {
        let backend = InMemoryBackend()
        try await makeTestApplication(backend: backend).test(.router) { client in
            for method in [HTTPRequest.Method.get, .put, .delete, .patch] {
                let response = try await client.execute(uri: "/api/agents/1001/\(action)", method: method, headers: .authorized)
                #expect(response.status == .methodNotAllowed, "\(method) \(action)")
                #expect(response.headers[.allow] == "POST")
            }
        }
        #expect(backend.calls.isEmpty)
    }

    @Test func agentResourcesAreReadOnly() async throws {
        try await makeTestApplication().test(.router) { client in
            for uri in ["/api/agents", "/api/agents/1001"] {
                let response = try await client.execute(uri: uri, method: .delete, headers: .authorized)
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET")
            }
        }
    }
}
