import Engine
import Logging
import Synchronization
import Testing

/// NAT keep-alives: phones behind a NAT are asked, on the injected clock, whether they are still
/// there; one that does not answer leaves at once, and its agent's queues hear it.
@Suite struct KeepaliveTests {
    typealias MemoryBindings = RegistrarDriverTests.MemoryBindings
    typealias Changes = RegistrarDriverTests.Changes

    /// Answers for the URIs in `alive`; records every URI asked.
    final class Phones: BindingProber {
        let alive: Mutex<Set<String>>
        let asked = Mutex<[String]>([])
        init(alive: Set<String>) { self.alive = Mutex(alive) }
        func probe(_ uri: String, via nextHop: String?) async -> Bool {
            let address = nextHop ?? uri
            asked.withLock { $0.append(address) }
            return alive.withLock { $0.contains(address) }
        }
        func silence(_ uri: String) { _ = alive.withLock { $0.remove(uri) } }
        var askedURIs: [String] { asked.withLock { $0 } }
    }

    @Test func onlyPhonesBehindANATAreAskedAndASilentOneIsDropped() async throws {
        let clock = ManualClock(), store = MemoryBindings(), changes = Changes()
        let registrar = await RegistrarDriver(store: store, maxContacts: 3, clock: clock, wallTime: 1_000, logger: Logger(label: "test"))
        await registrar.observe { aor, reachable in changes.note(aor, reachable) }
        let natted = "sip:203.0.113.7:61000;transport=udp"
        await registrar.register(aor: "1001", contact: "sip:1001@192.168.1.20:5060", expires: 3600, source: "203.0.113.7:61000",
                                 userAgent: nil, target: natted)
        await registrar.register(aor: "1002", contact: "sip:1002@10.0.0.5:5060", expires: 3600, source: "10.0.0.5:5060", userAgent: nil)
        #expect(await registrar.reach(for: "1001") == DialTarget(uri: "sip:1001@192.168.1.20:5060", peer: .agent("1001"), nextHop: natted),
                "requests go to the Contact through the NAT's address")
        let phones = Phones(alive: [natted])
        await registrar.startKeepalives(every: .seconds(30), prober: phones)

        #expect(await eventually { clock.sleeperCount == 2 }, "the expiry timer and the keep-alive timer")
        clock.advance(by: .seconds(30))
        #expect(await eventually { phones.askedURIs == [natted] }, "the phone on the engine's network is not asked")
        #expect(changes.all == ["1001 up", "1002 up"])

        phones.silence(natted)
        #expect(await eventually { clock.sleeperCount == 2 })
        clock.advance(by: .seconds(30))
        #expect(await eventually { changes.all == ["1001 up", "1002 up", "1001 down"] }, "the agent leaves at once")
        #expect(await registrar.contact(for: "1001") == nil)
        #expect(await registrar.contact(for: "1002") == "sip:1002@10.0.0.5:5060")
        #expect(store.count == 1, "its binding is gone from the store too")
        await registrar.stop()
    }

    @Test func aPhoneThatRegisteredAgainFromElsewhereMeanwhileIsKept() {
        var registrations = Registrations()
        _ = registrations.register(Binding(aor: "1001", contact: "sip:1001@p", expiresAt: 100, source: "a:1", target: "sip:a:1"),
                                   expires: 100, at: 0)
        _ = registrations.register(Binding(aor: "1001", contact: "sip:1001@p", expiresAt: 100, source: "b:2", target: "sip:b:2"),
                                   expires: 100, at: 1)
        #expect(registrations.drop("1001", contact: "sip:1001@p", target: "sip:a:1", at: 2).isEmpty)
        #expect(registrations.binding(for: "1001", at: 2)?.target == "sip:b:2")
    }
}
