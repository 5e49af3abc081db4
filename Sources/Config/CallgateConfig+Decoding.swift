import CallgateCore
import Yams

/// Reading the YAML tree into typed values: shapes, types, unknown keys. Rules about the values
/// themselves live in `validate`.
extension CallgateConfig {
    init(document: YAMLValue, baseDirectory: String) throws(ConfigError) {
        self.init(file: document.file, baseDirectory: baseDirectory)
        guard document.node.mapping != nil || document.isNull else {
            throw document.error("the configuration must be a mapping of keys (sip:, rtp:, routes: …), got \(document.shown)")
        }
        let top = try document.mapping(allowed: [
            "sip", "rtp", "http", "data_dir", "scenarios_dir", "sounds_dir", "tts", "limits", "recordings", "routes", "queues",
            "agents", "trunks", "music_on_hold",
        ])
        if let value = top["sip"] { sip = try Self.decodeSIP(value, baseDirectory: baseDirectory) }
        if let value = top["rtp"] { rtp = try Self.decodeRTP(value) }
        if let value = top["http"] { http = try Self.decodeHTTP(value) }
        if let value = top["data_dir"] { dataDir = ConfigPath(try value.string(), relativeTo: baseDirectory) }
        if let value = top["scenarios_dir"] { scenariosDir = ConfigPath(try value.string(), relativeTo: baseDirectory) }
        if let value = top["sounds_dir"] { soundsDir = ConfigPath(try value.string(), relativeTo: baseDirectory) }
        if let value = top["tts"] { tts = try Self.decodeTTS(value) }
        if let value = top["music_on_hold"] { musicOnHold = try value.string() }
        if let value = top["limits"] { limits = try Self.decodeLimits(value) }
        if let value = top["recordings"] {
            let keys = try value.mapping(allowed: ["keep_days"])
            if let days = keys["keep_days"] { recordings.keepDays = try days.int() }
        }
        for item in try top["routes"]?.list() ?? [] { routes.append(try decodeRoute(item)) }
        for item in try top["queues"]?.list() ?? [] { queues.append(try Self.decodeQueue(item)) }
        for item in try top["agents"]?.list() ?? [] { agents.append(try Self.decodeAgent(item)) }
        for item in try top["trunks"]?.list() ?? [] { trunks.append(try Self.decodeTrunk(item, baseDirectory: baseDirectory)) }
    }

    static func decodeSIP(_ value: YAMLValue, baseDirectory: String) throws(ConfigError) -> SIP {
        let keys = try value.mapping(allowed: ["listen", "public_address", "realm", "max_calls", "user_agent", "auth", "max_contacts_per_agent",
                                               "max_message_bytes", "tcp_idle_seconds", "message_timeout_seconds",
                                               "max_tcp_connections_per_source", "max_tcp_connections", "nat_keepalive_seconds",
                                               "local_networks", "srtp", "codecs", "tls",
                                               "transfer_queue_prefix", "transfer_ring_seconds"])
        var sip = SIP()
        if let listen = keys["listen"] { sip.listen = try listen.hostPort() }
        sip.publicAddress = try keys.optional("public_address") { v throws(ConfigError) in try v.string() } ?? sip.listen.host
        if let realm = keys["realm"] { sip.realm = try realm.string() }
        if let maxCalls = keys["max_calls"] { sip.maxCalls = try maxCalls.int() }
        if let userAgent = keys["user_agent"] { sip.userAgent = try userAgent.string() }
        if let auth = keys["auth"] { sip.auth = try decodeSIPAuth(auth) }
        if let contacts = keys["max_contacts_per_agent"] { sip.maxContactsPerAgent = try contacts.int() }
        if let bytes = keys["max_message_bytes"] { sip.maxMessageBytes = try bytes.int() }
        if let idle = keys["tcp_idle_seconds"] { sip.tcpIdleSeconds = try idle.int() }
        if let timeout = keys["message_timeout_seconds"] { sip.messageTimeoutSeconds = try timeout.int() }
        if let cap = keys["max_tcp_connections_per_source"] { sip.maxTCPConnectionsPerSource = try cap.int() }
        if let cap = keys["max_tcp_connections"] { sip.maxTCPConnections = try cap.int() }
        if let seconds = keys["nat_keepalive_seconds"] { sip.natKeepaliveSeconds = try seconds.int() }
        if let networks = keys["local_networks"] {
            for item in try networks.list() {
                let text = try item.string()
                guard let network = IPv4Network(text) else {
                    throw item.error("must be an IPv4 network such as 10.0.0.0/8 or 192.168.1.0/24, got \(item.shown)")
                }
                sip.localNetworks.append(network)
            }
        }
        if let srtp = keys["srtp"] { sip.srtp = try srtp.srtpPolicy() }
        if let codecs = keys["codecs"] { sip.codecs = try codecs.codecs() }
        if let tls = keys["tls"] { sip.tls = try decodeTLS(tls, baseDirectory: baseDirectory) }
        if let prefix = keys["transfer_queue_prefix"] { sip.transferQueuePrefix = try prefix.string() }
        if let seconds = keys["transfer_ring_seconds"] { sip.transferRingSeconds = try seconds.int() }
        return sip
    }

    static func decodeHTTP(_ value: YAMLValue) throws(ConfigError) -> HTTP {
        let keys = try value.mapping(allowed: ["listen", "token", "idle_timeout_seconds", "max_connections", "max_websocket_clients"])
        var http = HTTP()
        if let listen = keys["listen"] { http.listen = try listen.hostPort() }
        if let token = keys["token"] { http.token = try token.string() }
        if let v = keys["idle_timeout_seconds"] { http.idleTimeoutSeconds = try v.int() }
        if let v = keys["max_connections"] { http.maxConnections = try v.int() }
        if let v = keys["max_websocket_clients"] { http.maxWebSocketClients = try v.int() }
        return http
    }

    static func decodeRTP(_ value: YAMLValue) throws(ConfigError) -> RTP {
        let keys = try value.mapping(allowed: ["address", "port_min", "port_max", "timeout_seconds", "latching", "public_address"])
        var rtp = RTP()
        if let address = keys["address"] { rtp.address = try address.string() }
        if let portMin = keys["port_min"] { rtp.portMin = try portMin.int() }
        if let portMax = keys["port_max"] { rtp.portMax = try portMax.int() }
        if let timeout = keys["timeout_seconds"] { rtp.timeoutSeconds = try timeout.number() }
        if let latching = keys["latching"] { rtp.latching = try latching.latching() }
        if let address = keys["public_address"] { rtp.publicAddress = try address.string() }
        return rtp
    }

    static func decodeTTS(_ value: YAMLValue) throws(ConfigError) -> TTS {
        let keys = try value.mapping(allowed: ["command", "voice"])
        var tts = TTS()
        if let command = keys["command"] {
            tts.command = []
            for argument in try command.list() { tts.command.append(try argument.string()) }
        }
        if let voice = keys["voice"] { tts.voice = try voice.string() }
        return tts
    }

    static func decodeLimits(_ value: YAMLValue) throws(ConfigError) -> Limits {
        let keys = try value.mapping(allowed: [
            "scenario_deadline_seconds", "scenario_output_bytes", "scenario_processes", "events_per_call", "vars_bytes",
            "calls_in_setup", "setup_retry_after_seconds", "min_free_disk_mb",
        ])
        var limits = Limits()
        if let v = keys["scenario_deadline_seconds"] { limits.scenarioDeadlineSeconds = try v.number() }
        if let v = keys["scenario_output_bytes"] { limits.scenarioOutputBytes = try v.int() }
        if let v = keys["scenario_processes"] { limits.scenarioProcesses = try v.int() }
        if let v = keys["events_per_call"] { limits.eventsPerCall = try v.int() }
        if let v = keys["vars_bytes"] { limits.varsBytes = try v.int() }
        if let v = keys["calls_in_setup"] { limits.callsInSetup = try v.int() }
        if let v = keys["setup_retry_after_seconds"] { limits.setupRetryAfterSeconds = try v.int() }
        if let v = keys["min_free_disk_mb"] { limits.minFreeDiskMB = try v.int() }
        return limits
    }

    func decodeRoute(_ value: YAMLValue) throws(ConfigError) -> Route {
        let keys = try value.mapping(allowed: ["match", "scenario", "fallback", "deadline_seconds", "vars", "persistent", "workers"])
        let match = try keys.required("match", hint: " (the dialed numbers this route takes, such as \"100\" or \"*\")") {
            v throws(ConfigError) in try v.pattern()
        }
        let scenario = try keys.required("scenario", hint: " (the executable that handles these calls, in scenarios_dir)") {
            v throws(ConfigError) in try v.string()
        }
        var route = Route(match: match, scenario: ConfigPath(scenario, relativeTo: scenariosDir.resolved))
        if let fallback = keys["fallback"] { route.fallback = try decodeFallback(fallback) }
        if let deadline = keys["deadline_seconds"] { route.deadlineSeconds = try deadline.number() }
        if let persistent = keys["persistent"] { route.persistent = try persistent.bool() }
        if let workers = keys["workers"] { route.workers = try workers.int() }
        if let vars = keys["vars"] {
            guard case .object(let object) = try vars.json() else {
                throw vars.error("must be a mapping of variable names to values, got \(vars.shown)")
            }
            route.vars = object
        }
        return route
    }

    func decodeFallback(_ value: YAMLValue) throws(ConfigError) -> RouteFallback {
        let expected = "must be error_prompt, {scenario: FILE} or {queue: NAME}"
        if value.node.scalar != nil, !value.isNull {
            guard try value.string() == "error_prompt" else { throw value.error("\(expected), got \(value.shown)") }
            return .errorPrompt
        }
        guard value.node.mapping != nil else { throw value.error("\(expected), got \(value.shown)") }
        let keys = try value.mapping(allowed: ["scenario", "queue"])
        switch (keys["scenario"], keys["queue"]) {
        case (let scenario?, nil): return .scenario(ConfigPath(try scenario.string(), relativeTo: scenariosDir.resolved))
        case (nil, let queue?): return .queue(try queue.string())
        case (_?, _?): throw value.error("give either scenario or queue, not both")
        case (nil, nil): throw value.error("\(expected), got an empty mapping")
        }
    }

    static func decodeAgent(_ value: YAMLValue) throws(ConfigError) -> Agent {
        let number = value.node.mapping?["extension"]?.string ?? "EXTENSION"
        let keys = try value.mapping(
            allowed: ["extension", "name", "password_hash", "skills", "queues", "rtp_latching", "srtp", "codecs", "transport", "supervises"],
            refused: [
                "password": "clear-text passwords are not accepted; "
                    + "run `callgate passwd \(number)` and put the md5:… it prints in password_hash"
            ])
        let ext = try keys.required("extension", hint: " (2 to 10 digits)") { v throws(ConfigError) in try v.string() }
        let hash = try keys.required("password_hash", hint: "; run `callgate passwd \(ext)` and put the md5:… it prints here") {
            v throws(ConfigError) in try v.string()
        }
        let name = try keys.optional("name") { v throws(ConfigError) in try v.string() } ?? ext
        var agent = Agent(extension: ext, name: name, passwordHash: hash)
        if let skills = keys["skills"] {
            for (skill, level) in try skills.entries(what: "skill names to levels from 1 to 10, such as {en: 5}") {
                agent.skills[skill] = try level.int()
            }
        }
        if let queues = keys["queues"] {
            for item in try queues.list() { agent.queues.append(try item.string()) }
        }
        if let latching = keys["rtp_latching"] { agent.rtpLatching = try latching.latching() }
        if let srtp = keys["srtp"] { agent.srtp = try srtp.srtpPolicy() }
        if let codecs = keys["codecs"] { agent.codecs = try codecs.codecs() }
        if let transport = keys["transport"] { agent.transport = try decodeTransport(transport) }
        if let supervises = keys["supervises"] {
            for item in try supervises.list() { agent.supervises.append(try item.string()) }
        }
        return agent
    }

    static func decodeTrunk(_ value: YAMLValue, baseDirectory: String) throws(ConfigError) -> Trunk {
        let keys = try value.mapping(allowed: ["name", "address", "allow", "rtp_latching", "srtp", "codecs", "transport"] + trunkAccountKeys)
        let name = try keys.required("name") { v throws(ConfigError) in try v.string() }
        let address = try keys.required("address", hint: " (host:port of the carrier's SIP server)") {
            v throws(ConfigError) in try v.hostPort()
        }
        let allowValue = try keys.required("allow", hint: " (the external numbers that may be dialed through it, such as [\"+1555*\"])") {
            v throws(ConfigError) in v
        }
        var allow: [NumberPattern] = []
        for item in try allowValue.list() { allow.append(try item.pattern()) }
        var trunk = Trunk(name: name, address: address, allow: allow)
        if let latching = keys["rtp_latching"] { trunk.rtpLatching = try latching.latching() }
        if let srtp = keys["srtp"] { trunk.srtp = try srtp.srtpPolicy() }
        if let codecs = keys["codecs"] { trunk.codecs = try codecs.codecs() }
        if let transport = keys["transport"] { trunk.transport = try decodeTransport(transport) }
        trunk.account = try decodeTrunkAccount(keys, baseDirectory: baseDirectory)
        return trunk
    }
}

extension CallgateConfig {
    /// The codec names `codecs:` lists may hold, in the default order: G.711 first (every phone
    /// and carrier has it, and a G.711 caller bridged to a G.711 agent needs no transcoding).
    public static let codecNames = ["pcmu", "pcma", "g722", "opus"]
    public static let defaultCodecs = codecNames
}

extension YAMLValue {
    /// A `codecs:` list: known names, each once, at least one.
    func codecs() throws(ConfigError) -> [String] {
        let hint = "must be a list of codecs in preference order from \(CallgateConfig.codecNames.joined(separator: ", ")), such as [opus, pcmu]"
        guard case .sequence = node else { throw error("\(hint), got \(shown)") }
        var names: [String] = []
        for item in try list() {
            let name = try item.string().lowercased()
            guard CallgateConfig.codecNames.contains(name) else {
                throw item.error("unknown codec \(item.shown); \(hint)")
            }
            guard !names.contains(name) else { throw item.error("\(name) is listed twice") }
            names.append(name)
        }
        guard !names.isEmpty else { throw error("\(hint), got an empty list") }
        return names
    }

    func hostPort() throws(ConfigError) -> HostPort {
        guard let address = HostPort(parsing: try string()) else {
            throw error("must be host:port with a port from 1 to 65535, such as 127.0.0.1:5060, got \(shown)")
        }
        return address
    }

    func pattern() throws(ConfigError) -> NumberPattern {
        do {
            return try NumberPattern(try string())
        } catch let problem as PatternError {
            throw error(problem.message)
        } catch let other as ConfigError {
            throw other
        } catch {
            preconditionFailure("unexpected \(error)")
        }
    }
}
