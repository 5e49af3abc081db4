import Engine
import HTTPAPI

/// `POST /api/calls`: the call router places the call (CallRouter+Originate).
extension Operations: OriginateBackend {
    func originate(_ call: OriginateCall) async throws(OriginateError) -> String {
        guard let router else { throw .unavailable("this engine places no calls") }
        let connect: OriginateConnect = if let agent = call.agent { .agent(agent, agentFirst: call.agentFirst) } else { .route(call.route ?? "") }
        let request = OriginateRequest(to: call.to, callerID: call.callerID, callerName: call.callerName, ringSeconds: call.ringSeconds,
                                       vars: call.vars, connect: connect, machineDetection: call.machineDetection,
                                       headers: ["X-Callgate-Origin": "api"])
        do {
            return try await router.originate(request) { _ in }
        } catch {
            switch error.kind {
            case .notAllowed: throw .notAllowed(error.description)
            case .notFound: throw .notFound(error.description)
            case .unavailable: throw .unavailable(error.description)
            }
        }
    }
}
