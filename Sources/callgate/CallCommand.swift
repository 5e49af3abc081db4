import ArgumentParser
import CallgateCore
import Config
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Storage

/// `callgate call NUMBER`: asks the running engine (its HTTP API, with the configuration's token)
/// to place a call, and with `--wait` follows it to its end and prints how it went.
struct CallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "call",
        abstract: "Place a call: run a route's scenario once the callee answers, or connect an agent.",
        discussion: """
            The engine must be running (`callgate serve`) with http.token set; this command uses its API \
            (POST /api/calls). Examples:
              callgate call 1002 --route outage-notice --var district=North
              callgate call 5551234 --agent 1001            # the agent's phone rings first
              callgate call 5551234 --route sales --amd --wait
            """)

    @Argument(help: "An agent's extension, or an external number a trunk allows.")
    var number: String

    @Option(help: "The number whose route's scenario runs once the callee answers.")
    var route: String?

    @Option(help: "An agent's extension to connect the callee to.")
    var agent: String?

    @Flag(help: "With --agent: ring the callee first and the agent once the callee answers.")
    var calleeFirst = false

    @Option(help: "The number the callee sees (default: callgate).")
    var callerID: String?

    @Option(help: "The name the callee sees.")
    var callerName: String?

    @Option(help: "Seconds the callee may ring (1–300).")
    var ring = 30

    @Option(name: .customLong("var"), help: "A var for the scenario, NAME=VALUE (repeatable).")
    var vars: [String] = []

    @Flag(help: "Run answering-machine detection (the defaults) before call.start.")
    var amd = false

    @Flag(help: "Wait until the call ends and print its disposition.")
    var wait = false

    @Option(help: "The configuration file (its http.listen and http.token reach the engine); the embedded default when absent.")
    var config: String?

    func validate() throws {
        guard (route == nil) != (agent == nil) else { throw ValidationError("give --route or --agent (one of them)") }
        guard (1...300).contains(ring) else { throw ValidationError("--ring must be 1…300 seconds") }
        if calleeFirst && agent == nil { throw ValidationError("--callee-first goes with --agent") }
        for item in vars where !item.contains("=") || item.hasPrefix("=") {
            throw ValidationError("--var \(item): write NAME=VALUE")
        }
    }

    func run() async throws {
        let settings = try ConfigLoading.load(config, checkFiles: false)
        guard let token = settings.http.token, !token.isEmpty else {
            throw ValidationError("http.token is not set in the configuration: the API that places calls is off")
        }
        var body: [String: JSONValue] = ["to": .string(number), "ring_seconds": .number(Double(ring))]
        if let route { body["route"] = .string(route) }
        if let agent {
            body["agent"] = .string(agent)
            body["agent_first"] = .bool(!calleeFirst)
        }
        if let callerID { body["caller_id"] = .string(callerID) }
        if let callerName { body["caller_name"] = .string(callerName) }
        if amd { body["amd"] = .bool(true) }
        if !vars.isEmpty {
            body["vars"] = .object(Dictionary(vars.map { item in
                let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
                return (parts[0], JSONValue.string(parts.count > 1 ? parts[1] : ""))
            }) { _, last in last })
        }
        let api = EngineAPI(listen: settings.http.listen, token: token)
        let (status, reply) = try await api.send("POST", "/api/calls", body: .object(body))
        guard status == 201, case .object(let placed)? = reply, case .string(let id)? = placed["id"] else {
            let message = if case .object(let error)? = reply, case .string(let text)? = error["message"] { text } else { "HTTP \(status)" }
            throw ValidationError("the engine placed no call: \(message)")
        }
        print(id)
        guard wait else { return }
        // The call is listed while it is up; then its record is in the store.
        while try await api.send("GET", "/api/calls/\(id)").status == 200 {
            try await Task.sleep(for: .milliseconds(500))
        }
        let store = try CallStore(path: settings.dataDir.resolved + "/callgate.sqlite")
        for _ in 0..<20 {
            if let call = try await store.call(id: id), let disposition = call.disposition {
                print("\(disposition)\(call.hangupReason.map { " (\($0))" } ?? "")")
                return
            }
            try await Task.sleep(for: .milliseconds(250))
        }
        throw ValidationError("call \(id) ended, but its record is not in \(settings.dataDir.resolved)/callgate.sqlite")
    }
}

/// The running engine's HTTP API, as the command line reaches it.
struct EngineAPI {
    let listen: HostPort
    let token: String

    func send(_ method: String, _ path: String, body: JSONValue? = nil) async throws -> (status: Int, json: JSONValue?) {
        let host = HostPort.isLoopback(listen.host) || listen.host == "0.0.0.0" ? "127.0.0.1" : listen.host
        guard let url = URL(string: "http://\(host):\(listen.port)\(path)") else { throw ValidationError("bad API address \(host):\(listen.port)") }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        if let body {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = body.encoded()
        }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await URLSession.shared.data(for: request)
        } catch {
            throw ValidationError("cannot reach the engine's API at \(url.host ?? host):\(listen.port): \(error.localizedDescription) (is `callgate serve` running?)")
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        return (status, data.isEmpty ? nil : try? JSONValue.parse(data))
    }
}
