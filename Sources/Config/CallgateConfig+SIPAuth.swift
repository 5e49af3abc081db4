extension CallgateConfig {
    /// `sip.auth`: when failed digest logins ban their source (docs/security.md).
    public struct SIPAuth: Sendable, Hashable {
        /// Failed logins (wrong password, unknown extension) from one address within the window
        /// that ban the address; as many against one extension from any addresses ban each
        /// failing address for that extension.
        public var maxFailures = 5
        /// How far back failures count, in seconds.
        public var failureWindowSeconds = 60
        /// How long a ban refuses the address's requests with 403, in seconds.
        public var banSeconds = 300

        public init() {}
    }

    /// The HA1 hashes of the embedded default's agents (passwords demo1001–demo1003): public, so
    /// refused unless `sip.listen` is a loopback address.
    public static let demoPasswordHashes: Set = [
        "md5:9bf27cb60eaf5577521b9ee4a59bf9f2", "md5:6d6ac65532c98927852c4b39c465a18d",
        "md5:f487cfbf2bdf32116d5397e14a8ee527",
    ]

    static let sipAuthKeys = ["max_failures", "failure_window_seconds", "ban_seconds"]

    static func decodeSIPAuth(_ value: YAMLValue) throws(ConfigError) -> SIPAuth {
        let keys = try value.mapping(allowed: sipAuthKeys)
        var auth = SIPAuth()
        if let v = keys["max_failures"] { auth.maxFailures = try v.int() }
        if let v = keys["failure_window_seconds"] { auth.failureWindowSeconds = try v.int() }
        if let v = keys["ban_seconds"] { auth.banSeconds = try v.int() }
        return auth
    }

    /// The ranges of `sip.auth` and `sip.max_contacts_per_agent`, and no demo hash off loopback.
    func validateSIPAuth() throws(ConfigError) {
        let ranges: [(String, Int, ClosedRange<Int>)] = [
            ("sip.auth.max_failures", sip.auth.maxFailures, 1...1000),
            ("sip.auth.failure_window_seconds", sip.auth.failureWindowSeconds, 1...86_400),
            ("sip.auth.ban_seconds", sip.auth.banSeconds, 1...604_800),
            ("sip.max_contacts_per_agent", sip.maxContactsPerAgent, 1...100),
        ]
        for (keyPath, value, range) in ranges where !range.contains(value) {
            throw fail(keyPath, "must be between \(range.lowerBound) and \(range.upperBound), got \(value)")
        }
        guard !sip.listen.isLoopback else { return }
        for (index, agent) in agents.enumerated() where Self.demoPasswordHashes.contains(agent.passwordHash) {
            throw fail(
                "agents[\(index)].password_hash",
                "is a public demo hash of the embedded default (password demo1001…demo1003); "
                    + "run `callgate passwd \(agent.extension)` for a password of your own before sip.listen leaves the loopback address")
        }
    }
}
