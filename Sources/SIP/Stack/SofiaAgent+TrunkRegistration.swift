import CSofiaSIP
import Logging
import SofiaShim

/// One trunk's registration with its carrier: the handle Sofia refreshes it on, and where it stands.
struct TrunkRegistration {
    let account: TrunkAccount
    var handle: OpaquePointer?
    var status: TrunkRegistrationStatus
    /// Our credentials answered the last challenge: a second one in a row is a refusal.
    var challengeAnswered = false
}

/// REGISTER toward carriers (trunks with `register`): sent once nua is up, refreshed by Sofia's
/// nua before it expires (nua re-REGISTERs on its own from the expiry the carrier grants),
/// retried after a refusal, and un-REGISTERed at shutdown. Every change is logged.
extension SofiaAgent {
    /// A refused or unanswered registration is tried again after this long.
    static let registrationRetrySeconds = 60

    func startTrunkRegistrations() {
        for account in settings.trunkAccounts where account.register {
            trunkRegistrations[account.trunk] = TrunkRegistration(
                account: account, handle: nil,
                status: TrunkRegistrationStatus(trunk: account.trunk, state: .registering, status: nil, reason: "", expires: nil))
            sendRegister(account.trunk)
        }
    }

    private func sendRegister(_ trunk: String) {
        guard let nua, !shuttingDown, var registration = trunkRegistrations[trunk] else { return }
        let account = registration.account
        let handleTags = TagList()
        handleTags.add(ss_siptag_to_str, "<\(account.addressOfRecord)>")
        handleTags.add(ss_siptag_from_str, "<\(account.addressOfRecord)>")
        guard let handle = handleTags.withTags({ ss_nua_handle(nua, nil, $0) }) else { return }
        let tags = TagList()
        tags.add(ss_nutag_registrar, account.registrar)
        tags.add(ss_siptag_expires_str, String(account.registerExpires))
        tags.add(ss_nutag_m_username, account.username)
        // Sofia would otherwise send OPTIONS through the carrier to check our own Contact, and
        // keep-alive OPTIONS to it: requests a carrier did not ask for.
        tags.add(ss_nutag_outbound, "no-validate no-options-keepalive")
        tags.withTags { ss_nua_register(handle, $0) }
        registration.handle = handle
        registration.challengeAnswered = false
        registration.status.state = .registering
        trunkRegistrations[trunk] = registration
        logger.debug("SIP: REGISTER \(account.addressOfRecord) with trunk \(trunk) at \(account.registrar)")
    }

    /// `nua_r_register`: the carrier's answer to a REGISTER or to one of Sofia's refreshes.
    func onRegisterResponse(_ e: SofiaCallback) {
        guard let handle = e.handle, let trunk = trunkName(of: handle), var registration = trunkRegistrations[trunk] else { return }
        let status = Int(e.status)
        if status < 200 { return }
        if status == 401 || status == 407, !registration.challengeAnswered, !shuttingDown,
           authenticate(handle, account: registration.account, challenge: e) {
            registration.challengeAnswered = true
            trunkRegistrations[trunk] = registration
            return
        }
        registration.status.status = status
        registration.status.reason = e.phrase
        if (200..<300).contains(status) {
            let message = e.message
            let granted = message.contacts.compactMap(\.expires).first ?? message.expires ?? registration.account.registerExpires
            let wasRegistered = registration.status.state == .registered
            registration.status.state = .registered
            registration.status.expires = granted
            registration.status.accepted += 1
            registration.challengeAnswered = false
            trunkRegistrations[trunk] = registration
            if wasRegistered {
                logger.debug("SIP: registration with trunk \(trunk) refreshed (\(granted) s)")
            } else {
                logger.info("SIP: registered with trunk \(trunk) as \(registration.account.addressOfRecord) (\(granted) s)")
            }
            return
        }
        registration.status.state = .failed
        registration.status.expires = nil
        registration.handle = nil
        trunkRegistrations[trunk] = registration
        nua_handle_destroy(handle)
        logger.warning("SIP: trunk \(trunk) refused our REGISTER: \(status) \(e.phrase); trying again in \(Self.registrationRetrySeconds) s")
        Task {
            try? await Task.sleep(for: .seconds(Self.registrationRetrySeconds))
            self.retryRegistration(trunk)
        }
    }

    private func retryRegistration(_ trunk: String) {
        guard !shuttingDown, trunkRegistrations[trunk]?.status.state == .failed else { return }
        sendRegister(trunk)
    }

    /// `nua_r_unregister`: the carrier's answer to our un-REGISTER at shutdown.
    func onUnregisterResponse(_ e: SofiaCallback) {
        guard let handle = e.handle, let trunk = trunkName(of: handle), e.status >= 200 else { return }
        trunkRegistrations[trunk]?.status.state = .unregistered
        trunkRegistrations[trunk]?.status.status = Int(e.status)
        trunkRegistrations[trunk]?.status.reason = e.phrase
        logger.info("SIP: unregistered from trunk \(trunk) (\(e.status) \(e.phrase))")
    }

    /// Un-REGISTERs every registration up (before `nua_shutdown`, which waits for the answers).
    func unregisterTrunks() {
        for (trunk, registration) in trunkRegistrations where registration.status.state == .registered {
            guard let handle = registration.handle else { continue }
            TagList().withTags { ss_nua_unregister(handle, $0) }
            logger.debug("SIP: un-REGISTER with trunk \(trunk)")
        }
    }

    var trunkRegistrationStatuses: [TrunkRegistrationStatus] {
        trunkRegistrations.values.map(\.status).sorted { $0.trunk < $1.trunk }
    }

    private func trunkName(of handle: OpaquePointer) -> String? {
        trunkRegistrations.first { $0.value.handle == handle }?.key
    }
}
