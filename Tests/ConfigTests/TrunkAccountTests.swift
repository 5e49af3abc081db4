import Config
import Foundation
import Testing

/// A trunk's account at its carrier: the keys, where the password comes from, and the errors.
@Suite struct TrunkAccountTests {
    static func yaml(_ keys: String) -> String {
        ConfigFixture.minimal + "\ntrunks:\n  - {name: carrier, address: 127.0.0.1:5080, allow: [\"+1*\"], \(keys)}\n"
    }

    @Test func fullAccount() throws {
        let config = try ConfigFixture.parse(Self.yaml(
            "username: \"4420001\", password_env: CARRIER_PASSWORD, auth_username: auth1, realm: carrier.test, register: true, register_expires: 600, from_domain: carrier.test"))
        let account = try #require(config.trunks[0].account)
        #expect(account.username == "4420001")
        #expect(account.digestUsername == "auth1")
        #expect(account.secret == .environment("CARRIER_PASSWORD"))
        #expect(account.realm == "carrier.test")
        #expect(account.register && account.registerExpires == 600)
        #expect(account.fromDomain == "carrier.test")
    }

    @Test func noAccountByDefault() throws {
        let config = try ConfigFixture.parse(ConfigFixture.minimal + "\ntrunks:\n  - {name: c, address: 127.0.0.1:5080, allow: [\"*\"]}\n")
        #expect(config.trunks[0].account == nil)
        #expect(try config.trunkPassword(0) == nil)
    }

    @Test func passwordFromTheEnvironment() throws {
        let config = try ConfigFixture.parse(Self.yaml("username: acct, password_env: CARRIER_PASSWORD"))
        #expect(try config.trunkPassword(0, environment: ["CARRIER_PASSWORD": "s3cret"]) == "s3cret")
        #expect(throws: ConfigError.self) { try config.trunkPassword(0, environment: [:]) }
        do {
            _ = try config.trunkPassword(0, environment: [:])
        } catch {
            #expect(error.description == "callgate.yaml: trunks[0].password_env: the environment variable CARRIER_PASSWORD is not set (export it before starting callgate)")
        }
        do {
            _ = try config.trunkPassword(0, environment: ["CARRIER_PASSWORD": "a:b"])
        } catch {
            #expect(error.description == "callgate.yaml: trunks[0].password_env: the environment variable CARRIER_PASSWORD holds a colon or a control character, which Sofia-SIP's credentials cannot carry")
        }
    }

    @Test func passwordFromAFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("callgate-trunk-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "s3cret\n".write(to: folder.appendingPathComponent("carrier.secret"), atomically: true, encoding: .utf8)
        let config = try ConfigFixture.parse(Self.yaml("username: acct, password_file: carrier.secret"), base: folder.path)
        #expect(try config.trunkPassword(0) == "s3cret")
        let missing = try ConfigFixture.parse(Self.yaml("username: acct, password_file: nowhere.secret"), base: folder.path)
        do {
            _ = try missing.trunkPassword(0)
            Issue.record("a missing password file was accepted")
        } catch {
            #expect(error.description.hasPrefix("callgate.yaml: trunks[0].password_file: cannot read "))
        }
        // `serve` validates with checkFiles: the missing file stops the start.
        #expect(throws: ConfigError.self) { try missing.validate(checkFiles: true) }
    }

    @Test(arguments: [
        ("password_env: X", "callgate.yaml: trunks[0].password_env: needs username (the account name at the carrier) beside password_env"),
        ("register: true", "callgate.yaml: trunks[0].register: needs username (the account name at the carrier) beside register"),
        ("username: acct", "callgate.yaml: trunks[0].username: needs a password: password_env (an environment variable), password_file (a file) or password"),
        ("username: acct, password: a, password_env: B", "callgate.yaml: trunks[0].password: give the password one way only: password_env or password are both set"),
        ("username: \"ac ct\", password: p", "callgate.yaml: trunks[0].username: must be a non-empty name without spaces, colons, quotes or control characters, got \"ac ct\""),
        ("username: \"a:b\", password: p", "callgate.yaml: trunks[0].username: must be a non-empty name without spaces, colons, quotes or control characters, got \"a:b\""),
        ("username: acct, password: \"p:q\"", "callgate.yaml: trunks[0].password: it holds a colon or a control character, which Sofia-SIP's credentials cannot carry"),
        ("username: acct, password: \"\"", "callgate.yaml: trunks[0].password: it holds an empty password"),
        ("username: acct, password_env: \"1BAD\"", "callgate.yaml: trunks[0].password_env: must be an environment variable's name such as CARRIER_PASSWORD, got \"1BAD\""),
        ("username: acct, password: p, register_expires: 30", "callgate.yaml: trunks[0].register_expires: must be from 60 to 86400 seconds, got 30"),
        ("username: acct, password: p, register_expires: 100000", "callgate.yaml: trunks[0].register_expires: must be from 60 to 86400 seconds, got 100000"),
        ("username: acct, password: p, realm: \"a\\\"b\"", "callgate.yaml: trunks[0].realm: must be the carrier's realm as its challenges name it, without quotes, got \"a\"b\""),
        ("username: acct, password: p, from_domain: \"bad domain\"", "callgate.yaml: trunks[0].from_domain: must be a host name such as sip.carrier.example, got \"bad domain\""),
        ("username: acct, password: p, register: maybe", "callgate.yaml: trunks[0].register: must be true or false, got \"maybe\""),
    ])
    func accountRules(keys: String, expected: String) {
        #expect(ConfigFixture.error(Self.yaml(keys)) == expected)
    }
}
