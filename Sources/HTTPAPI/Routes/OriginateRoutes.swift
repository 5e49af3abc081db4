import CallgateCore
import Hummingbird

/// `POST /api/calls`: the engine places a call (originate). 201 with the new call's id once it
/// rings; 400 for a bad body, 403 for a number no trunk allows, 404 for an unknown route, agent
/// or extension, 503 when shutting down or at the call limit. How the call went is in its record
/// (`GET /api/calls/{id}` while it is up, `callgate calls ID` after).
struct OriginateRoutes: Sendable {
    let backend: any OriginateBackend

    /// Numbers, extensions and route numbers are short.
    static let maxNumber = 64
    static let maxVarsBytes = 16 * 1024

    func register(on api: some RouterMethods<APIContext>) {
        api.post("/calls") { request, context -> Response in
            var body = try await JSONBody.read(request, context: context, optional: false)
            let call = try Self.call(from: &body)
            try body.finish()
            let id = try await Self.originate(backend, call)
            var response = try APIContext.encoder.encode(Placed(id: id, to: call.to, status: "ringing"), from: request, context: context)
            response.status = .created
            response.headers[.location] = "/api/calls/\(id)"
            return response
        }
    }

    static func originate(_ backend: any OriginateBackend, _ call: OriginateCall) async throws(APIError) -> String {
        do {
            return try await backend.originate(call)
        } catch {
            throw apiError(error)
        }
    }

    static func call(from body: inout JSONBody) throws(APIError) -> OriginateCall {
        let to = try number(body.requiredString("to", maxLength: maxNumber), field: "to")
        var call = OriginateCall(to: to)
        call.callerID = try body.string("caller_id", maxLength: maxNumber).map { (id) throws(APIError) in try number(id, field: "caller_id") }
        call.callerName = try body.string("caller_name", maxLength: 64)
        call.ringSeconds = try body.integer("ring_seconds", in: 1...300) ?? 30
        call.vars = try body.object("vars", maxBytes: maxVarsBytes) ?? [:]
        call.route = try body.string("route", maxLength: maxNumber)
        call.agent = try body.string("agent", maxLength: maxNumber)
        call.agentFirst = try body.boolean("agent_first") ?? true
        switch (call.route, call.agent) {
        case (nil, nil): throw APIError.badRequest(field: "route", "name a route (its number) or an agent to connect the call to")
        case (.some, .some): throw APIError.badRequest(field: "agent", "give either route or agent, not both")
        default: break
        }
        call.machineDetection = try machineDetection(body.take("amd"))
        return call
    }

    /// A dialable string: digits, letters, `+`, `*`, `#`, `.`, `_`, `-`; nothing a SIP URI would read otherwise.
    static func number(_ text: String, field: String) throws(APIError) -> String {
        let allowed = text.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "+*#._-".unicodeScalars.contains($0)) }
        guard allowed else { throw APIError.badRequest(field: field, "may hold only digits, letters and + * # . _ -") }
        return text
    }

    /// `"amd": true` (the defaults), `false`, or an object of settings (docs/outbound.md).
    static func machineDetection(_ value: JSONValue?) throws(APIError) -> MachineDetectionSettings? {
        switch value {
        case nil, .bool(false): return nil
        case .bool(true): return MachineDetectionSettings()
        case .object(let fields):
            var settings = MachineDetectionSettings()
            var amd = JSONBody(object: fields)
            do {
                if let v = try amd.number("initial_silence", in: 0.1...30) { settings.initialSilence = v }
                if let v = try amd.number("greeting", in: 0.1...30) { settings.greeting = v }
                if let v = try amd.number("after_greeting_silence", in: 0.1...30) { settings.afterGreetingSilence = v }
                if let v = try amd.number("total_analysis", in: 0.5...60) { settings.totalAnalysis = v }
                if let v = try amd.number("minimum_word_length", in: 0.01...5) { settings.minimumWordLength = v }
                if let v = try amd.number("between_words_silence", in: 0.01...5) { settings.betweenWordsSilence = v }
                if let v = try amd.integer("maximum_words", in: 1...100) { settings.maximumWords = v }
                if let v = try amd.integer("silence_threshold", in: 1...32767) { settings.silenceThreshold = v }
                try amd.finish()
            } catch {
                throw APIError.badRequest(field: "amd", error.message)
            }
            return settings
        case .some(let other):
            throw APIError.badRequest(field: "amd", "must be true, false or an object of settings, got \(other.typeDescription)")
        }
    }

    static func apiError(_ error: OriginateError) -> APIError {
        switch error {
        case .notAllowed(let why): APIError(status: .forbidden, code: "forbidden", message: why)
        case .notFound(let why): .notFound(why)
        case .unavailable(let why): APIError(status: .serviceUnavailable, code: "unavailable", message: why)
        }
    }

    struct Placed: ResponseEncodable {
        var id: String
        var to: String
        var status: String
    }
}
