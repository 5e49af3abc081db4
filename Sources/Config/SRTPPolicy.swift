extension CallgateConfig {
    /// SDES-SRTP for a peer's audio (docs/sip.md#srtp): `off` clear RTP only, `optional` encrypted
    /// when the peer offers or accepts it, `required` encrypted or no call (488).
    public enum SRTPPolicy: String, Sendable, Hashable, CaseIterable {
        case off, optional, required
    }

    /// An agent's policy, else `sip.srtp`.
    public func srtpPolicy(forAgent ext: String) -> SRTPPolicy {
        agent(extension: ext)?.srtp ?? sip.srtp
    }

    /// The policy for a number dialed out: its agent's, a trunk's that allows it, else `sip.srtp`.
    public func srtpPolicy(forDialed number: String) -> SRTPPolicy {
        if let agent = agent(extension: number) { return agent.srtp ?? sip.srtp }
        if let trunk = trunk(forNumber: number) { return trunk.srtp ?? sip.srtp }
        return sip.srtp
    }

    /// The policy for an inbound call: the authenticated agent's, else that of a trunk whose
    /// address host is the INVITE's source host, else `sip.srtp`.
    public func srtpPolicy(agent ext: String?, sourceHost: String?) -> SRTPPolicy {
        if let ext, let agent = agent(extension: ext) { return agent.srtp ?? sip.srtp }
        if let sourceHost, let trunk = trunks.first(where: { $0.address.host == sourceHost }) { return trunk.srtp ?? sip.srtp }
        return sip.srtp
    }
}

extension YAMLValue {
    /// The plain word, whatever YAML 1.1 makes of it: unquoted `off` would otherwise be a boolean.
    func srtpPolicy() throws(ConfigError) -> CallgateConfig.SRTPPolicy {
        guard case .scalar(let scalar) = node, let policy = CallgateConfig.SRTPPolicy(rawValue: scalar.string) else {
            throw error("must be off, optional or required, got \(shown)")
        }
        return policy
    }
}
