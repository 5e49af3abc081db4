import CSofiaSIP
import Logging
import SofiaShim

/// Answering a carrier's digest challenge (401 WWW-Authenticate, 407 Proxy-Authenticate) to a
/// request we sent, with the trunk account's credentials, through Sofia's `nua_authenticate`:
/// Sofia sends the request again with Authorization, and its answer comes as the first one's.
extension SofiaAgent {
    /// Answers the challenge of a 401/407 to an outbound INVITE; false when there is nothing to
    /// answer with (no account for that carrier, a challenge already answered, a CANCEL asked):
    /// the response is then the leg's failure.
    func answerChallenge(to leg: inout Leg, _ e: SofiaCallback) -> Bool {
        guard leg.isUnanswered, !leg.reported, !leg.cancelRequested, !leg.challengeAnswered,
              let index = leg.trunkAccount, settings.trunkAccounts.indices.contains(index)
        else {
            if leg.challengeAnswered, let index = leg.trunkAccount, settings.trunkAccounts.indices.contains(index) {
                logger.warning("SIP: trunk \(settings.trunkAccounts[index].trunk) challenged our credentials again (\(e.status) \(e.phrase)): the call fails; check the trunk's username and password",
                               metadata: ["sip.leg": "\(leg.id)"])
            }
            return false
        }
        let account = settings.trunkAccounts[index]
        guard authenticate(leg.handle, account: account, challenge: e) else { return false }
        leg.challengeAnswered = true
        legs[leg.id] = leg
        logger.debug("SIP: answering trunk \(account.trunk)'s \(e.status) challenge", metadata: ["sip.leg": "\(leg.id)"])
        return true
    }

    /// Hands the account's credentials for the challenge in `e` to Sofia; false when the challenge
    /// names no realm (and the account none either) or another realm than the account's.
    func authenticate(_ handle: OpaquePointer, account: TrunkAccount, challenge e: SofiaCallback) -> Bool {
        let challenged = duplicated(ss_challenge_realm_dup(e.sip))
        guard let realm = challenged ?? account.realm.map({ "\"\($0)\"" }) else {
            logger.warning("SIP: trunk \(account.trunk) sent \(e.status) without a Digest challenge we can answer")
            return false
        }
        // A configured realm is the only one our password goes to.
        if let configured = account.realm, let challenged, challenged.strippingQuotes() != configured {
            logger.warning("SIP: trunk \(account.trunk) challenges in realm \(challenged), its realm is \"\(configured)\": not answered")
            return false
        }
        ss_nua_authenticate(handle, account.credentials(quotedRealm: realm))
        return true
    }
}

private extension String {
    /// `"carrier.test"` → `carrier.test`: a challenge's realm as the configuration writes it.
    func strippingQuotes() -> String {
        hasPrefix("\"") && hasSuffix("\"") && count >= 2 ? String(dropFirst().dropLast()) : self
    }
}
