import Logging

/// Where the registrar keeps its bindings, so a restart does not forget the softphones.
public protocol BindingStore: Sendable {
    func bindings(validAt time: Double) async throws -> [Binding]
    func saveBinding(_ binding: Binding) async throws
    func removeBinding(aor: String, contact: String) async throws
}

/// Asks a registered phone whether it is still there (a SIP OPTIONS in `serve`).
public protocol BindingProber: Sendable {
    /// True when the phone at `uri` answered; `nextHop` is its NAT's address, if any.
    func probe(_ uri: String, via nextHop: String?) async -> Bool
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
    var keepaliveTimer: Task<Void, Never>?

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
    public func reach(for aor: String) -> DialTarget? { registrations.binding(for: aor, at: now)?.dialTarget(peer: .agent(aor)) }
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

    /// Every `interval`, sends an OPTIONS to each phone behind a NAT (which also keeps the NAT's
    /// mapping open) and drops the bindings of those that do not answer, so an agent whose
    /// phone vanished leaves the queues at once instead of when its registration expires.
    public func startKeepalives(every interval: Duration, prober: any BindingProber) {
        keepaliveTimer?.cancel()
        keepaliveTimer = Task { [clock] in
            while !Task.isCancelled {
                do { try await clock.sleep(for: interval) } catch { return }
                await self.keepaliveRound(prober)
            }
        }
    }

    /// One round of keep-alives; the probes run at once, each bounded by the prober's own timeout.
    public func keepaliveRound(_ prober: any BindingProber) async {
        let probed = registrations.natBindings(at: now)
        guard !probed.isEmpty else { return }
        let silent = await withTaskGroup(of: Binding?.self) { group in
            for binding in probed {
                group.addTask { await prober.probe(binding.contact, via: binding.target) ? nil : binding }
            }
            var silent: [Binding] = []
            for await binding in group { if let binding { silent.append(binding) } }
            return silent
        }
        for binding in silent.sorted(by: { ($0.aor, $0.contact) < ($1.aor, $1.contact) }) {
            await apply(registrations.drop(binding.aor, contact: binding.contact, target: binding.target ?? "", at: now))
        }
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
        keepaliveTimer?.cancel()
        keepaliveTimer = nil
    }
}
