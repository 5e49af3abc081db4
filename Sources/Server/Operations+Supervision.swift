import CallgateCore
import HTTPAPI

/// The API's supervision requests, carried out by the engine's ``Supervisions``.
extension Operations: SupervisionBackend {
    func supervise(call: String, supervisor: String, mode: SupervisionMode) async throws(SupervisionRefusal) -> SupervisionView {
        guard let supervisions else { throw .notFound("supervision is not available") }
        do {
            return try await supervisions.startFromAPI(callID: call, supervisor: supervisor, mode: mode)
        } catch {
            throw Self.refusal(error)
        }
    }

    func endSupervision(call: String) async throws(SupervisionRefusal) {
        guard let supervisions else { throw .notFound("supervision is not available") }
        do {
            try await supervisions.end(callID: call)
        } catch {
            throw Self.refusal(error)
        }
    }

    func supervisions() async -> [SupervisionView] {
        await supervisions?.list() ?? []
    }

    static func refusal(_ refusal: Supervisions.Refusal) -> SupervisionRefusal {
        switch refusal {
        case .notOnACall(let text), .notSupervised(let text): .notFound(text)
        case .notASupervisor(let text), .notAllowed(let text): .forbidden(text)
        case .busy(let text), .unreachable(let text): .conflict(text)
        }
    }
}
