import Foundation

/// Reading and checking a trunk's account keys (`username`, `password_env`, `password_file`,
/// `password`, `auth_username`, `realm`, `register`, `register_expires`, `from_domain`).
extension CallgateConfig {
    static let trunkAccountKeys = ["username", "auth_username", "password_env", "password_file", "password", "realm",
                                   "register", "register_expires", "from_domain"]
    static let registerExpiresRange = 60...86_400

    /// The account of a trunk's mapping, or nil when it names none; errors point at the key.
    static func decodeTrunkAccount(_ keys: YAMLMapping, baseDirectory: String) throws(ConfigError) -> Trunk.Account? {
        var secrets: [(String, YAMLValue)] = []
        for key in ["password_env", "password_file", "password"] { if let value = keys[key] { secrets.append((key, value)) } }
        if secrets.count > 1 {
            throw secrets[1].1.error("give the password one way only: \(secrets.map(\.0).joined(separator: " or ")) are both set")
        }
        guard let userValue = keys["username"] else {
            if let (key, value) = Self.trunkAccountKeys.dropFirst().lazy.compactMap({ k in keys[k].map { (k, $0) } }).first {
                throw value.error("needs username (the account name at the carrier) beside \(key)")
            }
            return nil
        }
        let username = try userValue.string()
        guard let (key, value) = secrets.first else {
            throw userValue.error("needs a password: password_env (an environment variable), password_file (a file) or password")
        }
        let secret: Trunk.Secret
        switch key {
        case "password_env": secret = .environment(try value.string())
        case "password_file": secret = .file(ConfigPath(try value.string(), relativeTo: baseDirectory))
        default: secret = .literal(try value.string())
        }
        var account = Trunk.Account(username: username, secret: secret)
        account.authUsername = try keys.optional("auth_username") { v throws(ConfigError) in try v.string() }
        account.realm = try keys.optional("realm") { v throws(ConfigError) in try v.string() }
        account.register = try keys.optional("register") { v throws(ConfigError) in try v.bool() } ?? false
        if let expires = keys["register_expires"] { account.registerExpires = try expires.int() }
        account.fromDomain = try keys.optional("from_domain") { v throws(ConfigError) in try v.string() }
        return account
    }

    /// The rules on an account's values; `at` is the trunk's key path.
    func validateTrunkAccount(_ account: Trunk.Account, at: String) throws(ConfigError) {
        // Sofia-SIP takes credentials as `Digest:"realm":user:password`: a colon would cut them.
        for (key, value) in [("username", account.username), ("auth_username", account.authUsername)] {
            guard let value else { continue }
            if value.isEmpty || !value.allSatisfy(Self.isCredentialCharacter) {
                throw fail("\(at).\(key)", "must be a non-empty name without spaces, colons, quotes or control characters, got \"\(value)\"")
            }
        }
        if let realm = account.realm, realm.isEmpty || realm.contains(where: { $0 == "\"" || $0 == "\\" || $0.isNewline }) {
            throw fail("\(at).realm", "must be the carrier's realm as its challenges name it, without quotes, got \"\(realm)\"")
        }
        if let domain = account.fromDomain, domain.isEmpty || !domain.allSatisfy(Self.isHostCharacter) {
            throw fail("\(at).from_domain", "must be a host name such as sip.carrier.example, got \"\(domain)\"")
        }
        if !Self.registerExpiresRange.contains(account.registerExpires) {
            throw fail("\(at).register_expires",
                       "must be from \(Self.registerExpiresRange.lowerBound) to \(Self.registerExpiresRange.upperBound) seconds, got \(account.registerExpires)")
        }
        switch account.secret {
        case .environment(let name):
            if !Self.isEnvironmentName(name) {
                throw fail("\(at).password_env", "must be an environment variable's name such as CARRIER_PASSWORD, got \"\(name)\"")
            }
        case .file(let path):
            if path.written.isEmpty { throw fail("\(at).password_file", "must name a file holding the password") }
        case .literal(let password):
            try checkPassword(password, at: "\(at).password")
        }
    }

    /// The password of `trunks[index]` read from where its account says (the environment or a
    /// file, at start-up); nil for a trunk without an account. Errors name the key.
    public func trunkPassword(_ index: Int, environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigError) -> String? {
        guard trunks.indices.contains(index), let account = trunks[index].account else { return nil }
        let at = "trunks[\(index)]"
        switch account.secret {
        case .literal(let password):
            return password
        case .environment(let name):
            guard let password = environment[name] else {
                throw fail("\(at).password_env", "the environment variable \(name) is not set (export it before starting callgate)")
            }
            try checkPassword(password, at: "\(at).password_env", source: "the environment variable \(name)")
            return password
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path.resolved), let text = String(data: data, encoding: .utf8) else {
                throw fail("\(at).password_file", "cannot read \(path.resolved) (it must exist and be readable by callgate)")
            }
            let password = text.hasSuffix("\r\n") ? String(text.dropLast(2)) : text.hasSuffix("\n") ? String(text.dropLast()) : text
            try checkPassword(password, at: "\(at).password_file", source: path.resolved)
            return password
        }
    }

    /// Every trunk's password, checked: `serve`'s start-up reads them once.
    func validateTrunkSecrets() throws(ConfigError) {
        for index in trunks.indices { _ = try trunkPassword(index) }
    }

    private func checkPassword(_ password: String, at keyPath: String, source: String = "it") throws(ConfigError) {
        if password.isEmpty { throw fail(keyPath, "\(source) holds an empty password") }
        if password.contains(where: { $0 == ":" || $0.isNewline || ($0.asciiValue.map { $0 < 32 || $0 == 127 } ?? false) }) {
            throw fail(keyPath, "\(source) holds a colon or a control character, which Sofia-SIP's credentials cannot carry")
        }
    }

    static func isCredentialCharacter(_ c: Character) -> Bool {
        !(c == ":" || c == "\"" || c == "\\" || c.isWhitespace || (c.asciiValue.map { $0 < 32 || $0 == 127 } ?? false))
    }

    static func isHostCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "." || c == "-")
    }

    static func isEnvironmentName(_ name: String) -> Bool {
        guard let first = name.first, first.isASCII, first.isLetter || first == "_" else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }
}
