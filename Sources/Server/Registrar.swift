import Foundation
import Logging
import SIP
import Storage

/// The agents' registrations: who is reachable at which contact until when. Kept in SQLite so a
/// restart does not forget the softphones; expired bindings drop out by themselves.
actor Registrar {
    let store: CallStore
    let logger: Logger
    /// Bindings one extension may have at once; a new one beyond it replaces the oldest.
    let maxContacts: Int
    private var bindings: [String: [StoredBinding]] = [:]
    private var expiryTimers: [String: Task<Void, Never>] = [:]
    /// Called with an extension and whether it is reachable now, whenever that changes
    /// (a first registration, the last binding removed or expired).
    private var onChange: @Sendable (String, Bool) async -> Void = { _, _ in }

    init(store: CallStore, logger: Logger, maxContacts: Int = 3) async {
        self.store = store
        self.logger = logger
        self.maxContacts = max(1, maxContacts)
        do {
            for binding in try await store.bindings(validAt: Date()) { bindings[binding.aor, default: []].append(binding) }
            for aor in bindings.keys { scheduleExpiry(aor) }
        } catch {
            logger.error("could not load the registrations: \(error)")
        }
    }

    func observe(_ handler: @escaping @Sendable (String, Bool) async -> Void) {
        onChange = handler
    }

    /// Extensions registered now (for the queue manager's start).
    func registeredExtensions(at now: Date = Date()) -> [String] {
        bindings.filter { $0.value.contains { $0.expiresAt > now } }.map(\.key)
    }

    /// An authenticated REGISTER was accepted; `expires` 0 removes the binding, and contact `*`
    /// (with expires 0) removes every binding of the extension at once (RFC 3261 10.2.2).
    func update(_ registration: Registration) async {
        let aor = registration.user
        if registration.contact == "*" {
            await removeAll(aor)
            return
        }
        let wasReachable = contact(for: aor, at: Date()) != nil
        defer {
            scheduleExpiry(aor)
            let isReachable = contact(for: aor, at: Date()) != nil
            if isReachable != wasReachable {
                let onChange = self.onChange
                Task { await onChange(aor, isReachable) }
            }
        }
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
            // The list is in registration order (a refresh moves a contact to the end): the
            // first is the oldest, replaced when the agent has too many phones.
            while (bindings[aor]?.count ?? 0) >= maxContacts, let oldest = bindings[aor]?.removeFirst() {
                try await store.removeBinding(aor: aor, contact: oldest.contact)
                logger.info("agent \(aor): \(oldest.contact) replaced (at most \(maxContacts) contacts)")
            }
            bindings[aor, default: []].append(binding)
            try await store.saveBinding(binding)
            logger.info("agent \(aor) registered at \(registration.contact) for \(registration.expires) s")
        } catch {
            logger.error("could not store the registration of \(aor): \(error)")
        }
    }

    /// `Contact: *`: every binding goes, and the queue manager hears of it before this returns.
    private func removeAll(_ aor: String) async {
        let wasReachable = contact(for: aor, at: Date()) != nil
        let removed = bindings.removeValue(forKey: aor) ?? []
        expiryTimers.removeValue(forKey: aor)?.cancel()
        for binding in removed {
            do {
                try await store.removeBinding(aor: aor, contact: binding.contact)
            } catch {
                logger.error("could not remove the registration of \(aor) at \(binding.contact): \(error)")
            }
        }
        logger.info("agent \(aor) unregistered all \(removed.count) contacts")
        if wasReachable { await onChange(aor, false) }
    }

    /// Wakes when the extension's last binding expires, so its agent's state follows SIP truth
    /// even when a softphone vanishes without unregistering.
    private func scheduleExpiry(_ aor: String) {
        expiryTimers[aor]?.cancel()
        guard let last = bindings[aor]?.map(\.expiresAt).max() else { return }
        expiryTimers[aor] = Task { [weak self] in
            try? await Task.sleep(for: .milliseconds(Int(max(0, last.timeIntervalSinceNow) * 1000) + 50))
            if !Task.isCancelled { await self?.expire(aor) }
        }
    }

    private func expire(_ aor: String) async {
        let now = Date()
        let before = bindings[aor] ?? []
        bindings[aor] = before.filter { $0.expiresAt > now }
        guard bindings[aor]?.isEmpty == true, !before.isEmpty else { return }
        bindings[aor] = nil
        logger.info("agent \(aor)'s registration expired")
        await onChange(aor, false)
    }

    /// The newest unexpired contact of an extension, or nil when it is not registered.
    func contact(for extension: String, at now: Date) -> String? {
        bindings[`extension`]?.filter { $0.expiresAt > now }.max { $0.expiresAt < $1.expiresAt }?.contact
    }

    /// How many extensions are registered now.
    func registeredCount(at now: Date = Date()) -> Int {
        bindings.values.filter { $0.contains { $0.expiresAt > now } }.count
    }
}
