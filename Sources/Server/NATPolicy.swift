import Config
import Engine
import Media
import SIP

/// Which symmetric-RTP policy applies to a leg: the agent's or trunk's own `rtp_latching`, else
/// `rtp.latching` (docs/sip.md#nat).
extension CallgateConfig {
    func latching(for peer: DialPeer) -> Media.RTPLatching {
        let chosen: CallgateConfig.RTPLatching? =
            switch peer {
            case .agent(let number): agent(extension: number)?.rtpLatching
            case .trunk(let name): trunks.first { $0.name == name }?.rtpLatching
            case .other: nil
            }
        return Media.RTPLatching(chosen ?? rtp.latching)
    }

    /// The policy toward an inbound call's sender: an agent who authenticated, a trunk it came
    /// from (by the source's host), or any other caller.
    func latching(forCaller call: IncomingCall) -> Media.RTPLatching {
        if let user = call.authenticatedUser, agent(extension: user) != nil { return latching(for: .agent(user)) }
        let host = NATContact.host(ofSource: call.source)
        if let trunk = trunks.first(where: { $0.address.host == host }) { return latching(for: .trunk(trunk.name)) }
        return latching(for: .other)
    }
}

extension CallgateConfig {
    /// The media address our SDP gives a peer signalling from `host`: `rtp.public_address` unless
    /// the peer is on one of `sip.local_networks` (docs/sip.md#nat).
    func sdpAddress(forPeer host: String) -> String {
        rtp.sdpAddress(forPeer: host, localNetworks: sip.localNetworks)
    }

    func sdpAddress(for call: IncomingCall) -> String {
        sdpAddress(forPeer: NATContact.host(ofSource: call.source))
    }
}

extension CallgateConfig {
    /// SDES-SRTP toward the peer an outbound leg rings: its agent's or trunk's `srtp`, else `sip.srtp`.
    func srtpPolicy(for peer: DialPeer) -> CallgateConfig.SRTPPolicy {
        switch peer {
        case .agent(let number): srtpPolicy(forAgent: number)
        case .trunk(let name): trunks.first { $0.name == name }?.srtp ?? sip.srtp
        case .other: sip.srtp
        }
    }
}

extension Media.RTPLatching {
    init(_ policy: CallgateConfig.RTPLatching) {
        switch policy {
        case .strict: self = .strict
        case .signallingIP: self = .signallingIP
        case .off: self = .off
        }
    }
}

extension MediaLeg {
    /// Symmetric RTP toward an inbound call's sender, from the address its INVITE came from.
    func latch(toCaller call: IncomingCall, config: CallgateConfig) {
        setLatching(config.latching(forCaller: call), signallingHost: NATContact.host(ofSource: call.source))
    }
}
