import Config
import HTTPAPI
import SIP

/// The configuration's `sip.auth` as the SIP front takes it, and its bans as the API shows them.
enum SecurityViews {
    static func authLimits(_ auth: CallgateConfig.SIPAuth) -> AuthLimits {
        AuthLimits(maxFailures: auth.maxFailures, failureWindowSeconds: auth.failureWindowSeconds, banSeconds: auth.banSeconds)
    }

    static func view(_ bans: [AuthBan]) -> SecurityView {
        SecurityView(bans: bans.map {
            BanView(source: $0.source, extension: $0.extension, until: $0.until, failures: $0.failures)
        })
    }
}
