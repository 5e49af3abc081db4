import Foundation

/// A real NAT on this machine, as an operator working from home sits behind one: two network
/// namespaces made by the test and removed by it.
///
///     [home ns] 198.18.77.2 ── veth ── 198.18.77.1 [router ns] 198.18.78.2 ── veth ── 198.18.78.1 [this ns: the engine]
///
/// The router masquerades what leaves toward the engine (an nftables rule inside the router's own
/// namespace, so this namespace's firewall is untouched). The engine's side has no route to the
/// home network: a blackhole route for it keeps what the engine would send to a phone's private
/// address on this machine, and lost, as on the Internet. Addresses are from 198.18.0.0/15, the
/// range set aside for network tests (RFC 2544).
final class HomeNAT: @unchecked Sendable {
    let home: String
    let router: String
    /// The phone's private address, in `home`.
    let phoneAddress = "198.18.77.2"
    /// The router's public address: what the engine sees the phone's packets come from.
    let publicAddress = "198.18.78.2"
    /// The engine's address, in this namespace.
    let engineAddress = "198.18.78.1"
    private let wanLink: String
    private var removed = false

    /// Whether namespaces can be made here: root, with `ip` and `nft`.
    static var available: Bool {
        getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/ip")
            && FileManager.default.isExecutableFile(atPath: "/usr/sbin/nft")
    }

    init() throws {
        // Names unique to this process: parallel test runs on one machine must not collide.
        let tag = String(getpid() % 100_000)
        home = "cg-home-\(tag)"
        router = "cg-rtr-\(tag)"
        wanLink = "cgw\(tag)"
        let lan = "cgl\(tag)"
        do {
            try Self.ip("netns", "add", home)
            try Self.ip("netns", "add", router)
            try Self.ip("link", "add", lan, "type", "veth", "peer", "name", "lan0", "netns", home)
            try Self.ip("link", "set", lan, "netns", router)
            try Self.ip("link", "add", wanLink, "type", "veth", "peer", "name", "wan0", "netns", router)
            // home: the phone
            try Self.ip("-n", home, "addr", "add", "\(phoneAddress)/24", "dev", "lan0")
            try Self.ip("-n", home, "link", "set", "lan0", "up")
            try Self.ip("-n", home, "link", "set", "lo", "up")
            try Self.ip("-n", home, "route", "add", "default", "via", "198.18.77.1")
            // router: forwards and masquerades
            try Self.ip("-n", router, "link", "set", lan, "name", "lan1")
            try Self.ip("-n", router, "addr", "add", "198.18.77.1/24", "dev", "lan1")
            try Self.ip("-n", router, "addr", "add", "\(publicAddress)/24", "dev", "wan0")
            try Self.ip("-n", router, "link", "set", "lan1", "up")
            try Self.ip("-n", router, "link", "set", "wan0", "up")
            try Self.run("/usr/sbin/ip", ["netns", "exec", router, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1"])
            try Self.run("/usr/sbin/ip", ["netns", "exec", router, "/usr/sbin/nft",
                                          "add table ip nat; add chain ip nat post { type nat hook postrouting priority 100 ; } ; "
                                          + "add rule ip nat post oifname wan0 masquerade"])
            // here: the engine's side of the link, and no way to the home network
            try Self.ip("addr", "add", "\(engineAddress)/24", "dev", wanLink)
            try Self.ip("link", "set", wanLink, "up")
            try Self.ip("route", "add", "blackhole", "198.18.77.0/24")
        } catch {
            remove()
            throw error
        }
    }

    /// Removes the namespaces (their veths go with them) and the blackhole route.
    func remove() {
        guard !removed else { return }
        removed = true
        try? Self.ip("route", "del", "blackhole", "198.18.77.0/24")
        try? Self.ip("link", "del", wanLink)
        try? Self.ip("netns", "del", home)
        try? Self.ip("netns", "del", router)
    }

    deinit { remove() }

    static func ip(_ arguments: String...) throws {
        try run("/usr/sbin/ip", arguments)
    }

    /// Runs a command to its end (each of these takes milliseconds); throws with its output if it fails.
    static func run(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw HomeNATError(command: ([executable] + arguments).joined(separator: " "), output: String(decoding: data, as: UTF8.self))
        }
    }
}

struct HomeNATError: Error, CustomStringConvertible {
    let command: String
    let output: String
    var description: String { "\(command) failed: \(output)" }
}
