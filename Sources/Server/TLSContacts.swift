import Config
import Engine
import SIP

/// Where to ring an agent, over TLS when the agent must use it: the registrar's contact with
/// `;transport=tls` made sure of (a binding stored before the agent was switched to TLS, or a
/// phone whose Contact names no transport, would otherwise be rung in clear).
struct TLSContacts: AgentContacts {
    let registrar: Registrar
    /// Extensions configured with `transport: tls`.
    let tlsAgents: Set<String>

    init(registrar: Registrar, config: CallgateConfig) {
        self.registrar = registrar
        tlsAgents = Set(config.agents.filter { $0.transport == .tls }.map(\.extension))
    }

    func contact(for agent: String) async -> String? {
        guard let contact = await registrar.contact(for: agent) else { return nil }
        return tlsAgents.contains(agent) ? TLSURI.overTLS(contact) : contact
    }

    /// The registrar's target (with a NAT's next hop, if any), its URI over TLS when required.
    func reach(for agent: String) async -> DialTarget? {
        guard var target = await registrar.reach(for: agent) else { return nil }
        if tlsAgents.contains(agent) { target.uri = TLSURI.overTLS(target.uri) }
        return target
    }
}

extension CallgateServer {
    /// The TLS listener's settings, after checking the certificate and key and assembling them
    /// into `data_dir/tls` (mode 0700) for Sofia; nil without `sip.tls`.
    static func tlsSettings(_ config: CallgateConfig, dataDirectory: String) throws -> SIPTLSSettings? {
        guard let tls = config.sip.tls else { return nil }
        let directory = dataDirectory + "/tls"
        try TLSMaterial.prepare(certificate: tls.certificate.resolved, key: tls.key.resolved, directory: directory)
        return SIPTLSSettings(listen: tls.listen.description, certificateDirectory: directory,
                              minimumVersion: tls.minVersion == .v1_3 ? .v1_3 : .v1_2)
    }
}
