import Hummingbird
import HummingbirdTesting
import Testing
@testable import HTTPAPI

@Suite struct QueueTests {
    @Test func listsEveryQueueWithItsCallersInOrder() async throws {
        try await makeTestApplication().test(.router) { client in
            let response = try await client.execute(uri: "/api/queues", method: .get, headers: .authorized)
            #expect(response.status == .ok)
            let queues = try #require(try response.json["queues"] as? [[String: Any]])
            #expect(queues.map { $0["name"] as? String } == ["sales", "after hours"])
            let waiting = try #require(queues[0]["waiting"] as? [[String: Any]])
            #expect(waiting.map { $0["call_id"] as? String } == ["c-81bb01", "c-81bb02"])
            #expect(waiting.map { $0["position"] as? Int } == [1, 2])
            #expect(waiting[0]["caller_name"] as? String == "Dana Smith")
            #expect(waiting[1].keys.contains("caller_name"), "absent names are written as null")
        }
    }

    @Test func oneQueueIsWrittenInSnakeCase() async throws {
        try await makeTestApplication().test(.router) { client in
            let response = try await client.execute(uri: "/api/queues/sales", method: .get, headers: .authorized)
            #expect(response.status == .ok)
            #expect(response.text == """
                {"agents":[{"extension":"1001","status":"available"},{"extension":"1002","status":"on_call"}],\
                "counters":{"abandoned":3,"answered":35,"entered":40,"exited":1,"rejected":0,"timed_out":1},\
                "name":"sales","strategy":"longest_idle","waiting":[\
                {"call_id":"c-81bb01","caller_name":"Dana Smith","caller_number":"+4930123456","position":1,"priority":5,"waited_seconds":42.5},\
                {"call_id":"c-81bb02","caller_name":null,"caller_number":"+4930999999","position":2,"priority":0,"waited_seconds":12}]}
                """)
        }
    }

    @Test func queueNameIsPercentDecoded() async throws {
        try await makeTestApplication().test(.router) { client in
            let response = try await client.execute(uri: "/api/queues/after%20hours", method: .get, headers: .authorized)
            #expect(response.status == .ok)
            #expect(try response.json["strategy"] as? String == "ring_all")
        }
    }

    @Test func unknownQueueIs404() async throws {
        try await makeTestApplication().test(.router) { client in
            let response = try await client.execute(uri: "/api/queues/billing", method: .get, headers: .authorized)
            #expect(response.status == .notFound)
            let json = try response.json
            #expect(json["error"] as? String == "not_found")
            #expect(json["message"] as? String == "no queue named billing")
        }
    }

    @Test(arguments: ["/api/queues", "/api/queues/sales"])
    func queuesAreReadOnly(uri: String) async throws {
        try await makeTestApplication().test(.router) { client in
            for method in [HTTPRequest.Method.post, .put, .delete, .patch] {
                let response = try await client.execute(uri: uri, method: method, headers: .authorized)
                #expect(response.status == .methodNotAllowed, "\(method) \(uri)")
                #expect(response.headers[.allow] == "GET")
                #expect(try response.json["error"] as? String == "method_not_allowed")
            }
        }
    }
}
