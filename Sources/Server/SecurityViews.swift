import Config
import Foundation
import HTTPAPI
import SIP

/// The configuration's `sip.auth` as the SIP front takes it, and its bans as the API shows them.
enum SecurityViews {
    static func authLimits(_ auth: CallgateConfig.SIPAuth) -> AuthLimits {
        AuthLimits(maxFailures: auth.maxFailures, failureWindowSeconds: auth.failureWindowSeconds, banSeconds: auth.banSeconds)
    }

    static func view(_ bans: [AuthBan]) -> SecurityView {
        let format = Date.ISO8601FormatStyle(timeZone: .gmt)
        return SecurityView(bans: bans.map {
            BanView(source: $0.source, extension: $0.extension,
                    until: Date(timeIntervalSince1970: Double($0.until)).formatted(format), failures: $0.failures)
        })
    }
}
