import Logging

/// Where the registrar keeps its bindings, so a restart does not forget the softphones.
public protocol BindingStore: Sendable {
    func bindings(validAt time: Double) async throws -> [Binding]
    func saveBinding(_ binding: Binding) async throws
    func removeBinding(aor: String, contact: String) async throws
}

/// Drives ``Registrations``: persists its bindings, tells an observer (the queue driver) when an
/// extension becomes reachable or unreachable, and wakes on the injected clock when the next
/// binding expires, so an agent's state follows SIP truth even when a phone vanishes.
public actor RegistrarDriver<C: Clock> where C.Duration == Duration {
    var registrations: Registrations
    let store: any BindingStore
    let clock: C
    let time: InjectedTime<C>
    let logger: Logger
    var observer: @Sendable (String, Bool) async -> Void = { _, _ in }
    var expiryTimer: Task<Void, Never>?

    /// Loads the bindings still valid at `wallTime` (seconds since 1970).
    public init(store: any BindingStore, maxContacts: Int, clock: C, wallTime: Double, logger: Logger) async {
        var loaded: [Binding] = []
        do {
            loaded = try await store.bindings(validAt: wallTime)
        } catch {
            logger.error("could not load the registrations: \(error)")
        }
        registrations = Registrations(maxContacts: maxContacts, loaded: loaded)
        self.store = store
        self.clock = clock
        time = InjectedTime(clock: clock, wallTime: wallTime)
        self.logger = logger
        scheduleExpiry()
    }

    public var now: Double { time.now }

    /// Called with an extension and whether it is reachable now, whenever that changes.
    public func observe(_ handler: @escaping @Sendable (String, Bool) async -> Void) {
        observer = handler
    }

    /// An authenticated REGISTER for `aor`: contact `*` (with expires 0) removes every binding.
    public func register(aor: String, contact: String, expires: Int, source: String, userAgent: String?, target: String? = nil) async {
        let effects: [RegistrationEffect]
        if contact == "*" {
            effects = registrations.removeAll(aor, at: now)
        } else {
            let binding = Binding(aor: aor, contact: contact, expiresAt: now + Double(max(0, expires)), source: source, userAgent: userAgent,
                                  target: target)
            effects = registrations.register(binding, expires: expires, at: now)
        }
        await apply(effects)
    }

    public func contact(for aor: String) -> String? { registrations.contact(for: aor, at: now) }
    public func registeredExtensions() -> [String] { registrations.registered(at: now) }
    public func registeredCount() -> Int { registrations.registered(at: now).count }

    /// Store writes first, then the log, then the observer: the queue hears of a change before
    /// the REGISTER's handling is over.
    func apply(_ effects: [RegistrationEffect]) async {
        for effect in effects {
            switch effect {
            case .save(let binding):
                do { try await store.saveBinding(binding) } catch { logger.error("could not store the registration of \(binding.aor): \(error)") }
            case .remove(let aor, let contact):
                do { try await store.removeBinding(aor: aor, contact: contact) } catch {
                    logger.error("could not remove the registration of \(aor) at \(contact): \(error)")
                }
            case .log(let line):
                logger.info("\(line)")
            case .reachable(let aor, let reachable):
                await observer(aor, reachable)
            }
        }
        scheduleExpiry()
    }

    func scheduleExpiry() {
        expiryTimer?.cancel()
        guard let next = registrations.nextExpiry else { return }
        let wait = max(0, next - now)
        expiryTimer = Task { [clock] in
            do { try await clock.sleep(for: .milliseconds(Int((wait * 1000).rounded(.up)) + 1)) } catch { return }
            await self.expire()
        }
    }

    func expire() async {
        await apply(registrations.expire(at: now))
    }

    public func stop() {
        expiryTimer?.cancel()
        expiryTimer = nil
    }
}
