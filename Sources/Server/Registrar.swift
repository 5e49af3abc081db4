import Foundation
import Logging
import SIP
import Storage

/// The agents' registrations: who is reachable at which contact until when. Kept in SQLite so a
/// restart does not forget the softphones; expired bindings drop out by themselves.
actor Registrar {
    let store: CallStore
    let logger: Logger
    private var bindings: [String: [StoredBinding]] = [:]

    init(store: CallStore, logger: Logger) async {
        self.store = store
        self.logger = logger
        do {
            for binding in try await store.bindings(validAt: Date()) { bindings[binding.aor, default: []].append(binding) }
        } catch {
            logger.error("could not load the registrations: \(error)")
        }
    }

    /// An authenticated REGISTER was accepted; `expires` 0 removes the binding.
    func update(_ registration: Registration) async {
        let aor = registration.user
        bindings[aor, default: []].removeAll { $0.contact == registration.contact }
        do {
            if registration.expires <= 0 {
                try await store.removeBinding(aor: aor, contact: registration.contact)
                logger.info("agent \(aor) unregistered \(registration.contact)")
                return
            }
            let binding = StoredBinding(aor: aor, contact: registration.contact,
                                        expiresAt: Date().addingTimeInterval(Double(registration.expires)),
                                        source: registration.source, userAgent: registration.userAgent)
            bindings[aor, default: []].append(binding)
            try await store.saveBinding(binding)
            logger.info("agent \(aor) registered at \(registration.contact) for \(registration.expires) s")
        } catch {
            logger.error("could not store the registration of \(aor): \(error)")
        }
    }

    /// The newest unexpired contact of an extension, or nil when it is not registered.
    func contact(for extension: String, at now: Date = Date()) -> String? {
        bindings[`extension`]?.filter { $0.expiresAt > now }.max { $0.expiresAt < $1.expiresAt }?.contact
    }

    /// How many extensions are registered now.
    func registeredCount(at now: Date = Date()) -> Int {
        bindings.values.filter { $0.contains { $0.expiresAt > now } }.count
    }
}
