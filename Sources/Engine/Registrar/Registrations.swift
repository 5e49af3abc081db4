/// One phone registered for an extension: where to reach it and until when.
public struct Binding: Sendable, Hashable {
    /// The address of record: the extension, such as `1001`.
    public var aor: String
    /// Where to reach the phone: its Contact URI.
    public var contact: String
    /// Seconds since 1970.
    public var expiresAt: Double
    /// The `ip:port` the REGISTER came from.
    public var source: String
    public var userAgent: String?
    /// The next hop of requests when the phone is behind a NAT: `sip:<the REGISTER's source>;
    /// transport=…`. Nil: the Contact itself is reachable.
    public var target: String?

    public init(aor: String, contact: String, expiresAt: Double, source: String, userAgent: String? = nil, target: String? = nil) {
        self.aor = aor
        self.contact = contact
        self.expiresAt = expiresAt
        self.source = source
        self.userAgent = userAgent
        self.target = target
    }

    /// How to ring this phone: its Contact, through its NAT's address when it has one.
    public func dialTarget(peer: DialPeer) -> DialTarget { DialTarget(uri: contact, peer: peer, nextHop: target) }
}

/// What a change of the registrations asks its driver to do.
public enum RegistrationEffect: Sendable, Hashable {
    case save(Binding)
    case remove(aor: String, contact: String)
    /// The extension became reachable, or its last binding went away.
    case reachable(String, Bool)
    /// A line for the engine's log.
    case log(String)
}

/// The agents' registrations as a pure value: who is reachable at which contact until when. Its
/// driver persists the bindings, tells the queues of reachability changes and wakes at
/// ``nextExpiry`` — expiry is an effect of time, not a timer inside the value.
public struct Registrations: Sendable {
    /// Bindings per extension, in registration order (a refresh moves a contact to the end).
    public private(set) var bindings: [String: [Binding]] = [:]
    /// Bindings one extension may have at once; a new one beyond it replaces the oldest.
    public let maxContacts: Int

    public init(maxContacts: Int = 3, loaded: [Binding] = []) {
        self.maxContacts = max(1, maxContacts)
        for binding in loaded { bindings[binding.aor, default: []].append(binding) }
    }

    /// The newest unexpired contact of an extension, or nil when it is not registered.
    public func contact(for aor: String, at now: Double) -> String? {
        binding(for: aor, at: now)?.contact
    }

    /// The newest unexpired binding of an extension.
    public func binding(for aor: String, at now: Double) -> Binding? {
        bindings[aor]?.filter { $0.expiresAt > now }.max { $0.expiresAt < $1.expiresAt }
    }

    public func registered(at now: Double) -> [String] {
        bindings.filter { $0.value.contains { $0.expiresAt > now } }.map(\.key).sorted()
    }

    /// When the earliest binding expires; nil with none.
    public var nextExpiry: Double? { bindings.values.flatMap { $0.map(\.expiresAt) }.min() }

    /// An authenticated REGISTER: `expires` 0 removes the binding.
    public mutating func register(_ binding: Binding, expires: Int, at now: Double) -> [RegistrationEffect] {
        let aor = binding.aor
        let wasReachable = contact(for: aor, at: now) != nil
        var effects: [RegistrationEffect] = []
        bindings[aor, default: []].removeAll { $0.contact == binding.contact }
        if expires <= 0 {
            effects += [.remove(aor: aor, contact: binding.contact), .log("agent \(aor) unregistered \(binding.contact)")]
        } else {
            while (bindings[aor]?.count ?? 0) >= maxContacts, let oldest = bindings[aor]?.removeFirst() {
                effects += [.remove(aor: aor, contact: oldest.contact),
                            .log("agent \(aor): \(oldest.contact) replaced (at most \(maxContacts) contacts)")]
            }
            bindings[aor, default: []].append(binding)
            effects += [.save(binding), .log("agent \(aor) registered at \(binding.contact) for \(expires) s")]
        }
        if bindings[aor]?.isEmpty == true { bindings[aor] = nil }
        let isReachable = contact(for: aor, at: now) != nil
        if isReachable != wasReachable { effects.append(.reachable(aor, isReachable)) }
        return effects
    }

    /// `Contact: *` with expires 0: every binding of the extension goes (RFC 3261 10.2.2).
    public mutating func removeAll(_ aor: String, at now: Double) -> [RegistrationEffect] {
        let wasReachable = contact(for: aor, at: now) != nil
        let removed = bindings.removeValue(forKey: aor) ?? []
        var effects = removed.map { RegistrationEffect.remove(aor: aor, contact: $0.contact) }
        effects.append(.log("agent \(aor) unregistered all \(removed.count) contacts"))
        if wasReachable { effects.append(.reachable(aor, false)) }
        return effects
    }

    /// The bindings of phones behind a NAT (reached at their REGISTER's source), live at `now`:
    /// the ones the registrar keeps alive with OPTIONS.
    public func natBindings(at now: Double) -> [Binding] {
        bindings.keys.sorted().flatMap { aor in bindings[aor]!.filter { $0.target != nil && $0.expiresAt > now } }
    }

    /// A phone stopped answering its keep-alives at `target`: its binding goes, unless the phone
    /// registered again meanwhile from elsewhere (then its binding has another target).
    public mutating func drop(_ aor: String, contact dropped: String, target: String, at now: Double) -> [RegistrationEffect] {
        guard let list = bindings[aor], list.contains(where: { $0.contact == dropped && $0.target == target }) else { return [] }
        let wasReachable = contact(for: aor, at: now) != nil
        bindings[aor] = list.filter { $0.contact != dropped }
        if bindings[aor]?.isEmpty == true { bindings[aor] = nil }
        var effects: [RegistrationEffect] = [.remove(aor: aor, contact: dropped),
                                             .log("agent \(aor)'s phone at \(target) stopped answering its keep-alives: unregistered")]
        if wasReachable, contact(for: aor, at: now) == nil { effects.append(.reachable(aor, false)) }
        return effects
    }

    /// Time has come to `now`: expired bindings drop out; extensions left with none are unreachable.
    public mutating func expire(at now: Double) -> [RegistrationEffect] {
        var effects: [RegistrationEffect] = []
        for (aor, list) in bindings.sorted(by: { $0.key < $1.key }) {
            let live = list.filter { $0.expiresAt > now }
            guard live.count != list.count else { continue }
            for binding in list where binding.expiresAt <= now { effects.append(.remove(aor: aor, contact: binding.contact)) }
            if live.isEmpty {
                bindings[aor] = nil
                effects += [.log("agent \(aor)'s registration expired"), .reachable(aor, false)]
            } else {
                bindings[aor] = live
            }
        }
        return effects
    }
}
