extension CallgateConfig {
    /// Symmetric RTP for peers behind a NAT (docs/sip.md#nat): whether a call leg may send its
    /// audio to where the peer's RTP really comes from instead of the SDP's address, and from
    /// which sources it takes that. `rtp.latching` for callers, `rtp_latching` per agent and trunk.
    public enum RTPLatching: String, Sendable, Hashable, CaseIterable {
        /// Latch to RTP from the signalling peer's IP; re-latch only for the same stream (SSRC).
        case strict
        /// Latch to RTP from the signalling peer's IP; re-latch to any port of that IP.
        case signallingIP = "signalling_ip"
        /// No latching: RTP goes to, and is taken from, the SDP's address only.
        case off
    }
}

extension YAMLValue {
    /// One of the policy's names; `off` written bare (YAML's boolean false) counts as `off`.
    func latching() throws(ConfigError) -> CallgateConfig.RTPLatching {
        if tagName == .bool, node.bool == false { return .off }
        let text = try string()
        guard let policy = CallgateConfig.RTPLatching(rawValue: text) else {
            throw error("must be one of \(CallgateConfig.RTPLatching.allCases.map(\.rawValue).joined(separator: ", ")), got \(shown)")
        }
        return policy
    }
}
