import CallgateCore
import Foundation
import Hummingbird

/// `/api/campaigns…` and `/api/do-not-call`: outbound campaigns (docs/api.md#campaigns).
struct CampaignRoutes: Sendable {
    let backend: any CampaignBackend
    /// A contacts CSV may be much larger than a JSON request.
    static let maxCSVBytes = 32 * 1024 * 1024

    func register(on api: some RouterMethods<APIContext>) {
        api.get("/campaigns") { _, _ -> CampaignList in
            CampaignList(campaigns: try await Self.run { () async throws(CampaignError) in try await backend.campaigns() })
        }
        api.post("/campaigns") { request, context -> Response in
            let definition = try await CampaignBody.definition(request, context: context)
            let view = try await Self.run { () async throws(CampaignError) in try await backend.createCampaign(definition) }
            var response = try view.response(from: request, context: context)
            response.status = .created
            return response
        }
        api.get("/campaigns/{name}") { _, context -> CampaignView in
            let name = try context.parameters.decoded("name")
            return try await Self.run { () async throws(CampaignError) in try await backend.campaign(name) }
        }
        for command in CampaignState.Command.allCases {
            api.post(RouterPath("/campaigns/{name}/\(command.rawValue)")) { request, context -> CampaignView in
                let name = try context.parameters.decoded("name")
                try await JSONBody.read(request, context: context, optional: true).finish()
                return try await Self.run { () async throws(CampaignError) in try await backend.command(command, campaign: name) }
            }
            api.rejectOtherMethods(RouterPath("/campaigns/{name}/\(command.rawValue)"), allowed: [.post])
        }
        api.post("/campaigns/{name}/contacts") { request, context -> ContactImportView in
            let name = try context.parameters.decoded("name")
            let csv = try await CampaignBody.text(request, limit: Self.maxCSVBytes)
            return try await Self.run { () async throws(CampaignError) in try await backend.importContacts(campaign: name, csv: csv) }
        }
        api.get("/campaigns/{name}/export") { request, context -> Response in
            let name = try context.parameters.decoded("name")
            let per = request.uri.queryParameters.get("per") ?? "attempt"
            guard per == "attempt" || per == "contact" else { throw APIError.badRequest(field: "per", "must be attempt or contact") }
            let csv = try await Self.run { () async throws(CampaignError) in try await backend.export(campaign: name, contacts: per == "contact") }
            return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8",
                                                   .contentDisposition: "attachment; filename=\"\(name)-\(per)s.csv\""],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: csv)))
        }
        api.post("/campaigns/{name}/preview") { request, context -> PreviewContactView in
            let name = try context.parameters.decoded("name")
            var body = try await JSONBody.read(request, context: context, optional: false)
            let agent = try body.requiredString("agent", maxLength: 64)
            try body.finish()
            return try await Self.run { () async throws(CampaignError) in try await backend.previewNext(campaign: name, agent: agent) }
        }
        api.post("/campaigns/{name}/preview/dial") { request, context -> DialedView in
            let name = try context.parameters.decoded("name")
            var body = try await JSONBody.read(request, context: context, optional: false)
            let agent = try body.requiredString("agent", maxLength: 64)
            try body.finish()
            return DialedView(callID: try await Self.run { () async throws(CampaignError) in try await backend.previewDial(campaign: name, agent: agent) })
        }
        api.get("/do-not-call") { _, _ -> NumberList in
            NumberList(numbers: try await Self.run { () async throws(CampaignError) in try await backend.doNotCall() })
        }
        api.post("/do-not-call") { request, context -> ChangedView in
            var body = try await JSONBody.read(request, context: context, optional: false)
            let add = try body.strings("add") ?? []
            let remove = try body.strings("remove") ?? []
            try body.finish()
            guard !add.isEmpty || !remove.isEmpty else { throw APIError.badRequest(field: "add", "give numbers to add or remove") }
            return ChangedView(changed: try await Self.run { () async throws(CampaignError) in try await backend.changeDoNotCall(add: add, remove: remove) })
        }
        api.rejectOtherMethods("/campaigns", allowed: [.get, .post])
        api.rejectOtherMethods("/campaigns/{name}", allowed: [.get])
        api.rejectOtherMethods("/campaigns/{name}/contacts", allowed: [.post])
        api.rejectOtherMethods("/campaigns/{name}/export", allowed: [.get])
        api.rejectOtherMethods("/campaigns/{name}/preview", allowed: [.post])
        api.rejectOtherMethods("/campaigns/{name}/preview/dial", allowed: [.post])
        api.rejectOtherMethods("/do-not-call", allowed: [.get, .post])
    }

    /// Runs a backend call; its refusal becomes the API's error.
    static func run<T>(_ body: () async throws(CampaignError) -> T) async throws(APIError) -> T {
        do { return try await body() } catch { throw APIError(error) }
    }
}

struct CampaignList: ResponseEncodable { var campaigns: [CampaignView] }
struct NumberList: ResponseEncodable { var numbers: [String] }
struct ChangedView: ResponseEncodable { var changed: Int }
struct DialedView: ResponseEncodable {
    var callID: String
    enum CodingKeys: String, CodingKey { case callID = "call_id" }
}

extension CampaignView: ResponseEncodable {}
extension ContactImportView: ResponseEncodable {}
extension PreviewContactView: ResponseEncodable {}

extension APIError {
    init(_ error: CampaignError) {
        switch error {
        case .invalid(let field, let why): self = .badRequest(field: field, why)
        case .unknownCampaign: self = .notFound(error.description)
        case .exists: self = APIError(status: .conflict, code: "exists", message: error.description)
        case .wrongState: self = APIError(status: .conflict, code: "wrong_state", message: error.description)
        case .noContact: self = APIError(status: .notFound, code: "no_contact", message: error.description)
        case .unavailable: self = APIError(status: .serviceUnavailable, code: "unavailable", message: error.description)
        }
    }
}
