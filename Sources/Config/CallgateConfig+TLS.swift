extension CallgateConfig {
    /// `sip.tls`: SIP over TLS beside UDP and TCP (docs/configuration.md, docs/sip.md#sip-over-tls).
    public struct TLS: Sendable, Hashable {
        /// The TLS listener (TCP): its port must differ from `sip.listen`'s, which TCP also uses.
        public var listen: HostPort
        /// PEM certificate (then any intermediates), relative to the configuration file.
        public var certificate: ConfigPath
        /// PEM private key of the certificate, unencrypted, relative to the configuration file.
        public var key: ConfigPath
        /// The oldest TLS version accepted.
        public var minVersion: MinVersion = .v1_2

        public enum MinVersion: String, Sendable, Hashable {
            case v1_2 = "1.2"
            case v1_3 = "1.3"
        }

        public init(listen: HostPort, certificate: ConfigPath, key: ConfigPath, minVersion: MinVersion = .v1_2) {
            self.listen = listen
            self.certificate = certificate
            self.key = key
            self.minVersion = minVersion
        }
    }

    /// How an agent's phone or a trunk must be reached: `any` transport, or only `tls`.
    public enum Transport: String, Sendable, Hashable {
        case any
        case tls
    }

    static func decodeTLS(_ value: YAMLValue, baseDirectory: String) throws(ConfigError) -> TLS {
        let keys = try value.mapping(allowed: ["listen", "certificate", "key", "min_version"])
        let listen = try keys.required("listen", hint: " (host:port of the TLS listener, such as 0.0.0.0:5061)") {
            v throws(ConfigError) in try v.hostPort()
        }
        let certificate = try keys.required("certificate", hint: " (the PEM certificate file, such as tls/cert.pem)") {
            v throws(ConfigError) in try v.string()
        }
        let key = try keys.required("key", hint: " (the PEM private key file, such as tls/key.pem)") {
            v throws(ConfigError) in try v.string()
        }
        var tls = TLS(listen: listen, certificate: ConfigPath(certificate, relativeTo: baseDirectory),
                      key: ConfigPath(key, relativeTo: baseDirectory))
        if let version = keys["min_version"] {
            let text = try version.string()
            guard let parsed = TLS.MinVersion(rawValue: text) else {
                throw version.error("must be 1.2 or 1.3, got \(version.shown)")
            }
            tls.minVersion = parsed
        }
        return tls
    }

    static func decodeTransport(_ value: YAMLValue) throws(ConfigError) -> Transport {
        guard let transport = Transport(rawValue: try value.string()) else {
            throw value.error("must be any or tls, got \(value.shown)")
        }
        return transport
    }

    /// The TLS listener's port is its own, paths are named, and only a configuration with a TLS
    /// listener may require TLS of an agent or a trunk.
    func validateTLS() throws(ConfigError) {
        if let tls = sip.tls {
            guard !tls.listen.host.isEmpty, (1...65535).contains(tls.listen.port) else {
                throw fail("sip.tls.listen", "must be host:port with a port from 1 to 65535, got \"\(tls.listen)\"")
            }
            if tls.listen.port == sip.listen.port {
                throw fail("sip.tls.listen", "must use another port than sip.listen (\(sip.listen)): both listen on TCP; 5061 is the usual TLS port")
            }
            if tls.certificate.written.isEmpty { throw fail("sip.tls.certificate", "must name a PEM file") }
            if tls.key.written.isEmpty { throw fail("sip.tls.key", "must name a PEM file") }
            return
        }
        for (index, agent) in agents.enumerated() where agent.transport == .tls {
            throw fail("agents[\(index)].transport", "tls needs a TLS listener: add sip.tls (listen, certificate, key)")
        }
        for (index, trunk) in trunks.enumerated() where trunk.transport == .tls {
            throw fail("trunks[\(index)].transport", "tls needs sip.tls (its certificate is ours towards the trunk): add sip.tls")
        }
    }
}
