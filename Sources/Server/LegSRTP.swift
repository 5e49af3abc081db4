import Config
import Foundation
import Media
import SIP

/// One SIP leg's SDES-SRTP on the signalling side: its policy, our key for answers, and the crypto
/// lines of our offer (each with its own key). Keys are fresh per leg from the kernel's CSPRNG.
///
/// - warning: Holds keys: never log or store it (its description is redacted).
struct LegSRTP: Sendable, CustomStringConvertible {
    var policy: SRTPPolicy
    /// key||salt we answer an offer with.
    var answerKey: [UInt8]
    /// The crypto lines we offer (empty when the policy is off).
    var offered: [CryptoAttribute]

    init(_ policy: SRTPPolicy) {
        self.policy = policy
        guard policy != .off else {
            answerKey = []
            offered = []
            return
        }
        answerKey = SRTPKey.random().bytes
        offered = SessionDescription.offeredCryptos(keys: CryptoAttribute.supportedSuites.map { _ in SRTPKey.random().bytes })
    }

    init(configured policy: CallgateConfig.SRTPPolicy) {
        self.init(Self.policy(policy))
    }

    var description: String { "LegSRTP(\(policy.rawValue), keys redacted)" }
}

extension SRTPKeys {
    /// The media's keys for what SDES settled; nil for a suite or key length the media does not take.
    init?(_ negotiated: NegotiatedCrypto) {
        guard let suite = SRTPSuite(rawValue: negotiated.suite), let local = SRTPKey(bytes: negotiated.localKey),
              let remote = SRTPKey(bytes: negotiated.remoteKey) else { return nil }
        self.init(suite: suite, local: local, remote: remote)
    }
}

extension MediaLeg {
    /// Applies an answer's crypto, then `setCrypto` first so that no packet leaves in clear:
    /// commands reach the media thread in order. False when the negotiated keys are unusable.
    func applyCrypto(_ negotiated: NegotiatedCrypto?) -> Bool {
        guard let negotiated else {
            setCrypto(nil)
            return true
        }
        guard let keys = SRTPKeys(negotiated) else { return false }
        setCrypto(keys)
        return true
    }

    /// `follow(answer:)` for a leg we offered to with `srtp`: the peer's answer must pick one of our
    /// crypto lines when the policy is `required` or the answer is RTP/SAVP; under `optional` a
    /// clear answer means clear RTP. False (hang up, 488) when the answer is not acceptable.
    func follow(answer sdp: String?, srtp: LegSRTP) -> Bool {
        guard let sdp, let parsed = SessionDescription.parse(sdp), let audio = parsed.audio else { return false }
        let chosen = srtp.policy == .off ? nil : SessionDescription.chosenCrypto(offered: srtp.offered, answer: audio)
        if chosen == nil, srtp.policy == .required || audio.proto.uppercased() == "RTP/SAVP" { return false }
        guard applyCrypto(chosen) else { return false }
        return follow(answer: sdp)
    }
}

extension LegSRTP {
    /// The SIP module's policy for the configuration's.
    static func policy(_ policy: CallgateConfig.SRTPPolicy) -> SRTPPolicy {
        SRTPPolicy(rawValue: policy.rawValue) ?? .optional
    }
}

extension CallRouter {
    /// The SRTP of an inbound call: an authenticated agent's policy, a trunk's calling from its
    /// address, else `sip.srtp`. Fresh keys for this leg.
    func srtp(for call: IncomingCall) -> LegSRTP {
        var host = call.source
        if let colon = host.lastIndex(of: ":") { host = String(host[..<colon]) }
        host = host.trimmingCharacters(in: ["[", "]"])
        return LegSRTP(configured: config.srtpPolicy(agent: call.authenticatedUser, sourceHost: host))
    }
}

extension SIPCallEdge {
    /// The caller's leg speaks SRTP per `srtp` (set once, before the session begins).
    func useSRTP(_ srtp: LegSRTP) {
        self.srtp = srtp
    }
}
