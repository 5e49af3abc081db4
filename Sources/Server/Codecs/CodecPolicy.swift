import Config
import Engine
import SIP

/// Which codecs a leg speaks, in preference order: an agent's own `codecs:` for its phone, a
/// trunk's for the carrier, else `sip.codecs`. Pure: built once from the configuration.
struct CodecPolicy: Sendable {
    let defaults: [SDPCodec]
    let agents: [String: [SDPCodec]]
    let trunks: [(address: HostPort, codecs: [SDPCodec])]

    init(config: CallgateConfig) {
        defaults = Self.formats(config.sip.codecs)
        var agents: [String: [SDPCodec]] = [:]
        for agent in config.agents where !agent.codecs.isEmpty { agents[agent.extension] = Self.formats(agent.codecs) }
        self.agents = agents
        trunks = config.trunks.filter { !$0.codecs.isEmpty }.map { ($0.address, Self.formats($0.codecs)) }
    }

    /// The configuration's names (checked when it was loaded) as SDP formats.
    static func formats(_ names: [String]) -> [SDPCodec] {
        let formats = names.compactMap { SDPCodec.byName[$0] }
        return formats.isEmpty ? [.pcmu, .pcma] : formats
    }

    /// An inbound call: an agent's own call from its phone (it authenticated), a carrier's call
    /// (from a trunk's address, host and port: a caller on the trunk's host but another port, such
    /// as anything on a shared loopback, is not the trunk), else anyone's.
    func inbound(authenticatedUser: String?, source: String) -> [SDPCodec] {
        if let user = authenticatedUser, let list = agents[user] { return list }
        let from = SIPURIParts("sip:" + source)
        if let port = from.port, let list = trunk(host: from.host, port: port) { return list }
        return defaults
    }

    /// An outbound leg: the agent or trunk it rings, else what its URI says (a trunk's address, or
    /// an agent's contact whose user is the extension).
    func outbound(peer: DialPeer, uri: String) -> [SDPCodec] {
        if case .agent(let agent) = peer, let list = agents[agent] { return list }
        let target = SIPURIParts(uri)
        if let list = trunk(host: target.host, port: target.port) { return list }
        if let user = target.user, let list = agents[user] { return list }
        return defaults
    }

    private func trunk(host: String?, port: Int?) -> [SDPCodec]? {
        guard let host else { return nil }
        return trunks.first { $0.address.host == host && (port == nil || $0.address.port == port) }?.codecs
    }
}

/// The user, host and port of `sip:user@host:port;params` (enough to recognise a trunk or an agent).
struct SIPURIParts {
    var user: String?
    var host: String?
    var port: Int?

    init(_ uri: String) {
        var rest = Substring(uri)
        if let colon = rest.firstIndex(of: ":"), rest[..<colon].lowercased().hasPrefix("sip") { rest = rest[rest.index(after: colon)...] }
        if let end = rest.firstIndex(where: { $0 == ";" || $0 == ">" || $0 == "?" }) { rest = rest[..<end] }
        if let at = rest.lastIndex(of: "@") {
            user = String(rest[..<at])
            rest = rest[rest.index(after: at)...]
        }
        if let colon = rest.lastIndex(of: ":"), !rest.hasPrefix("[") {
            host = String(rest[..<colon])
            port = Int(rest[rest.index(after: colon)...])
        } else {
            host = rest.isEmpty ? nil : String(rest)
        }
    }
}
