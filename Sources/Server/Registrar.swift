import Engine
import Foundation
import SIP
import Storage

/// The engine's registrar, on the wall clock; its bindings live in SQLite.
typealias Registrar = RegistrarDriver<ContinuousClock>

extension RegistrarDriver {
    /// An authenticated REGISTER as Sofia reported it.
    func update(_ registration: Registration) async {
        await register(aor: registration.user, contact: registration.contact, expires: registration.expires,
                       source: registration.source, userAgent: registration.userAgent, target: registration.target)
    }
}

extension RegistrarDriver: AgentContacts {}

extension SIPStack: BindingProber {
    public func probe(_ uri: String, via nextHop: String?) async -> Bool { await ping(uri, via: nextHop) }
}

extension CallStore: BindingStore {
    public func bindings(validAt time: Double) async throws -> [Binding] {
        try await bindings(validAt: Date(timeIntervalSince1970: time)).map {
            Binding(aor: $0.aor, contact: $0.contact, expiresAt: $0.expiresAt.timeIntervalSince1970, source: $0.source,
                    userAgent: $0.userAgent, target: $0.target)
        }
    }

    public func saveBinding(_ binding: Binding) async throws {
        try await saveBinding(StoredBinding(aor: binding.aor, contact: binding.contact,
                                            expiresAt: Date(timeIntervalSince1970: binding.expiresAt),
                                            source: binding.source, userAgent: binding.userAgent, target: binding.target))
    }
}
