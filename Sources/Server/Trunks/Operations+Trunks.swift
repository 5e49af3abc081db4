import HTTPAPI
import SIP

/// `GET /api/trunks`: the SIP stack's registrations with carriers.
extension Operations: TrunkBackend {
    func trunkRegistrations() async -> [TrunkRegistrationView] {
        await trunkProvider()
    }
}

extension TrunkAccounts {
    /// The stack's registration states as the API shows them.
    static func views(_ statuses: [TrunkRegistrationStatus]) -> [TrunkRegistrationView] {
        statuses.map {
            TrunkRegistrationView(trunk: $0.trunk, state: $0.state.rawValue, status: $0.status, reason: $0.reason,
                                  expiresSeconds: $0.expires, accepted: $0.accepted)
        }
    }
}
