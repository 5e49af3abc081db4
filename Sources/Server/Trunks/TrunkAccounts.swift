import Config
import Foundation
import SIP

/// The SIP stack's accounts at carriers, from the trunks' configuration, with each password read
/// where the configuration says (environment or file) once, at start-up.
enum TrunkAccounts {
    /// Throws the configuration's error (naming the key) when a password cannot be read.
    static func accounts(of config: CallgateConfig,
                         environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigError) -> [TrunkAccount] {
        var accounts: [TrunkAccount] = []
        for (index, trunk) in config.trunks.enumerated() {
            guard let account = trunk.account, let password = try config.trunkPassword(index, environment: environment),
                  let port = UInt16(exactly: trunk.address.port)
            else { continue }
            var sip = TrunkAccount(trunk: trunk.name, host: trunk.address.host, port: port, username: account.username, password: password)
            sip.tls = trunk.transport == .tls
            sip.authUsername = account.authUsername
            sip.realm = account.realm
            sip.register = account.register
            sip.registerExpires = account.registerExpires
            sip.domain = account.fromDomain
            accounts.append(sip)
        }
        return accounts
    }
}
