import Engine
import Logging
import Synchronization
import Testing

/// Registrations as a pure value, and their driver on a manual clock: expiry is an effect of time.
@Suite struct RegistrarDriverTests {
    final class MemoryBindings: BindingStore {
        let stored = Mutex<[String: Binding]>([:])
        func bindings(validAt time: Double) async throws -> [Binding] { stored.withLock { Array($0.values) }.filter { $0.expiresAt > time } }
        func saveBinding(_ binding: Binding) async throws { stored.withLock { $0[binding.aor + binding.contact] = binding } }
        func removeBinding(aor: String, contact: String) async throws { stored.withLock { _ = $0.removeValue(forKey: aor + contact) } }
        var count: Int { stored.withLock { $0.count } }
    }

    final class Changes: Sendable {
        let seen = Mutex<[String]>([])
        func note(_ aor: String, _ reachable: Bool) { seen.withLock { $0.append("\(aor) \(reachable ? "up" : "down")") } }
        var all: [String] { seen.withLock { $0 } }
    }

    @Test func theFourthPhoneReplacesTheOldestAndAWildcardRemovesAll() {
        var registrations = Registrations(maxContacts: 3)
        var effects: [RegistrationEffect] = []
        for port in 1...4 {
            effects += registrations.register(Binding(aor: "1001", contact: "sip:1001@h:\(port)", expiresAt: 100 + Double(port), source: "h"),
                                              expires: 100, at: 0)
        }
        #expect(registrations.bindings["1001"]?.map(\.contact) == ["sip:1001@h:2", "sip:1001@h:3", "sip:1001@h:4"])
        #expect(effects.contains(.remove(aor: "1001", contact: "sip:1001@h:1")))
        #expect(effects.filter { if case .reachable = $0 { true } else { false } } == [.reachable("1001", true)], "reachable once")
        #expect(registrations.contact(for: "1001", at: 0) == "sip:1001@h:4", "the newest")
        let removed = registrations.removeAll("1001", at: 1)
        #expect(removed.last == .reachable("1001", false))
        #expect(registrations.contact(for: "1001", at: 1) == nil)
    }

    @Test func bindingsExpireOnTheInjectedClockAndTheObserverHearsOnce() async throws {
        let clock = ManualClock(), store = MemoryBindings(), changes = Changes()
        let registrar = await RegistrarDriver(store: store, maxContacts: 3, clock: clock, wallTime: 1_000, logger: Logger(label: "test"))
        await registrar.observe { aor, reachable in changes.note(aor, reachable) }
        await registrar.register(aor: "1001", contact: "sip:1001@a", expires: 60, source: "a", userAgent: nil)
        await registrar.register(aor: "1001", contact: "sip:1001@b", expires: 120, source: "b", userAgent: nil)
        #expect(changes.all == ["1001 up"])
        #expect(store.count == 2)
        #expect(await eventually { clock.sleeperCount == 1 }, "one timer, for the earliest expiry")
        clock.advance(by: .seconds(61))
        #expect(await eventually { store.count == 1 })
        #expect(await registrar.contact(for: "1001") == "sip:1001@b")
        #expect(changes.all == ["1001 up"], "still reachable at b")
        #expect(await eventually { clock.sleeperCount == 1 })
        clock.advance(by: .seconds(60))
        #expect(await eventually { changes.all == ["1001 up", "1001 down"] })
        #expect(await registrar.registeredCount() == 0)
        #expect(store.count == 0)
    }

    @Test func aRestartLoadsOnlyTheBindingsStillValid() async {
        let store = MemoryBindings()
        try? await store.saveBinding(Binding(aor: "1001", contact: "sip:1001@a", expiresAt: 2_000, source: "a"))
        try? await store.saveBinding(Binding(aor: "1002", contact: "sip:1002@a", expiresAt: 500, source: "a"))
        let registrar = await RegistrarDriver(store: store, maxContacts: 3, clock: ManualClock(), wallTime: 1_000, logger: Logger(label: "test"))
        #expect(await registrar.registeredExtensions() == ["1001"])
    }
}
