import Foundation
import Testing

import Storage

/// Registrations survive a restart until they expire; expired ones are dropped on load.
@Suite struct BindingTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    func binding(_ aor: String, _ port: Int, expiresIn seconds: Double, agent: String? = "Linphone/5") -> StoredBinding {
        StoredBinding(aor: aor, contact: "sip:\(aor)@127.0.0.1:\(port)", expiresAt: now + seconds, source: "127.0.0.1:\(port)", userAgent: agent)
    }

    @Test func saveIsAnUpsertByAorAndContact() async throws {
        let store = try CallStore.inMemory()
        try await store.saveBinding(binding("1001", 5062, expiresIn: 60))
        try await store.saveBinding(binding("1001", 5062, expiresIn: 3600, agent: nil))
        try await store.saveBinding(binding("1001", 5064, expiresIn: 60))
        let all = try await store.bindings(validAt: now)
        #expect(all == [binding("1001", 5062, expiresIn: 3600, agent: nil), binding("1001", 5064, expiresIn: 60)])
    }

    @Test func expiredBindingsAreDeletedOnLoad() async throws {
        let store = try CallStore.inMemory()
        try await store.saveBinding(binding("1001", 5062, expiresIn: 60))
        try await store.saveBinding(binding("1002", 5063, expiresIn: 600))
        try await store.saveBinding(binding("1003", 5064, expiresIn: -1))
        #expect(try await store.bindings(validAt: now).map(\.aor) == ["1001", "1002"])
        #expect(try await store.bindings(validAt: now + 60).map(\.aor) == ["1002"])
        // Deleted, not just hidden: an earlier time no longer brings it back.
        #expect(try await store.bindings(validAt: now).map(\.aor) == ["1002"])
    }

    @Test func removeBindingDeletesOnlyThatContact() async throws {
        let store = try CallStore.inMemory()
        try await store.saveBinding(binding("1001", 5062, expiresIn: 60))
        try await store.saveBinding(binding("1001", 5064, expiresIn: 60))
        try await store.removeBinding(aor: "1001", contact: "sip:1001@127.0.0.1:5062")
        try await store.removeBinding(aor: "1009", contact: "sip:nobody@127.0.0.1")
        #expect(try await store.bindings(validAt: now).map(\.contact) == ["sip:1001@127.0.0.1:5064"])
    }
}
