import CallgateCore
import Foundation

extension CallgateConfig {
    /// Checks every rule on the values (ranges, formats, uniqueness) and, with `checkFiles`,
    /// that every route's scenario exists and is executable. `parse` and `load` already ran it
    /// without `checkFiles`; `callgate serve` runs it again with `checkFiles: true`.
    public func validate(checkFiles: Bool) throws(ConfigError) {
        try validateSIP()
        try validateSIPAuth()
        try validateRTP()
        try validatePaths()
        try validateTTS()
        try validateMusicOnHold()
        try validateLimits()
        try validateHTTPToken()
        try validateResourceLimits()
        try validateRoutes(checkFiles: checkFiles)
        try validateQueues()
        try validateAgents()
        try validateAgentQueuesAndSkills()
        try validateTrunks()
        try validateTLS()
        // The carriers' passwords are read at start-up: a missing variable or file stops `serve`.
        if checkFiles { try validateTrunkSecrets() }
    }

    private func validateMusicOnHold() throws(ConfigError) {
        guard let musicOnHold else { return }
        do {
            try SoundPath.check(musicOnHold, field: "music_on_hold")
        } catch {
            throw fail("music_on_hold", musicOnHold.isEmpty ? "must name a sound file in sounds_dir" : error.problem)
        }
    }

    func fail(_ keyPath: String, _ message: String) -> ConfigError {
        ConfigError(file: file, keyPath: keyPath, message: message)
    }

    private func validateSIP() throws(ConfigError) {
        if HostPort.isWildcard(sip.publicAddress) || sip.publicAddress.isEmpty
            || sip.publicAddress.contains(where: { $0.isWhitespace })
        {
            throw fail(
                "sip.public_address",
                "must be an address phones can reach, got \"\(sip.publicAddress)\"; set it when sip.listen is a wildcard such as 0.0.0.0")
        }
        if sip.realm.isEmpty || sip.realm.contains(where: { $0 == "\"" || $0 == "\\" || $0.isNewline }) {
            throw fail("sip.realm", "must be non-empty text without quotes or backslashes, got \"\(sip.realm)\"")
        }
        guard (1...100_000).contains(sip.maxCalls) else {
            throw fail("sip.max_calls", "must be between 1 and 100000, got \(sip.maxCalls)")
        }
        if sip.userAgent.isEmpty || sip.userAgent.contains(where: \.isNewline) {
            throw fail("sip.user_agent", "must be one line of text, got \"\(sip.userAgent)\"")
        }
        try checkPort(sip.listen, "sip.listen")
        try checkPort(http.listen, "http.listen")
        guard !sip.transferQueuePrefix.isEmpty, sip.transferQueuePrefix.count <= 8,
              TransferDestinationText.isDialable(sip.transferQueuePrefix) else {
            throw fail("sip.transfer_queue_prefix", "must be 1 to 8 of 0-9 * # (what a phone can dial), got \"\(sip.transferQueuePrefix)\"")
        }
        guard (5...600).contains(sip.transferRingSeconds) else {
            throw fail("sip.transfer_ring_seconds", "must be between 5 and 600, got \(sip.transferRingSeconds)")
        }
        guard sip.natKeepaliveSeconds == 0 || (5...3600).contains(sip.natKeepaliveSeconds) else {
            throw fail("sip.nat_keepalive_seconds", "must be 0 (off) or between 5 and 3600, got \(sip.natKeepaliveSeconds)")
        }
    }

    private func checkPort(_ address: HostPort, _ keyPath: String) throws(ConfigError) {
        guard !address.host.isEmpty, (1...65535).contains(address.port) else {
            throw fail(keyPath, "must be host:port with a port from 1 to 65535, got \"\(address)\"")
        }
    }

    private func validateRTP() throws(ConfigError) {
        if rtp.address.isEmpty { throw fail("rtp.address", "must not be empty") }
        if let address = rtp.publicAddress, IPv4Network.parse(address) == nil || HostPort.isWildcard(address) {
            throw fail("rtp.public_address", "must be the IPv4 address peers send RTP to (SDP carries addresses, not names), got \"\(address)\"")
        }
        for (key, port) in [("port_min", rtp.portMin), ("port_max", rtp.portMax)]
        where !(1024...65534).contains(port) || port % 2 != 0 {
            throw fail("rtp.\(key)", "must be an even number between 1024 and 65534, got \(port)")
        }
        guard rtp.portMin < rtp.portMax else {
            throw fail("rtp.port_max", "must be greater than rtp.port_min (\(rtp.portMin)), got \(rtp.portMax)")
        }
        guard rtp.timeoutSeconds > 0, rtp.timeoutSeconds <= 86_400 else {
            throw fail("rtp.timeout_seconds", "must be a number of seconds above 0 and at most 86400, got \(format(rtp.timeoutSeconds))")
        }
    }

    private func validatePaths() throws(ConfigError) {
        for (key, path) in [("data_dir", dataDir), ("scenarios_dir", scenariosDir), ("sounds_dir", soundsDir)]
        where path.written.isEmpty {
            throw fail(key, "must be a folder name, got \"\"")
        }
    }

    private func validateTTS() throws(ConfigError) {
        guard let program = tts.command.first, !program.isEmpty else {
            throw fail("tts.command", "must start with the program to run, such as [espeak-ng, -v, \"{voice}\", --stdout, \"{text}\"]")
        }
        for (index, argument) in tts.command.enumerated() {
            for name in Self.placeholders(in: argument) where !TTS.placeholders.contains(name) {
                throw fail("tts.command[\(index)]", "unknown placeholder {\(name)}; the command may use {voice} and {text}")
            }
        }
        if tts.voice.isEmpty { throw fail("tts.voice", "must not be empty") }
    }

    /// The `{name}` placeholders of an argument.
    static func placeholders(in argument: String) -> [String] {
        var names: [String] = []
        var rest = argument[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = rest[rest.index(after: open)..<close]
            if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0 == "_" }) { names.append(String(name)) }
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    private func validateLimits() throws(ConfigError) {
        try checkDeadline(limits.scenarioDeadlineSeconds, "limits.scenario_deadline_seconds")
        let minimums: [(String, Int, Int)] = [
            ("scenario_output_bytes", limits.scenarioOutputBytes, 1024),
            ("scenario_processes", limits.scenarioProcesses, 1),
            ("events_per_call", limits.eventsPerCall, 1),
            ("vars_bytes", limits.varsBytes, 1024),
            ("calls_in_setup", limits.callsInSetup, 1),
            ("setup_retry_after_seconds", limits.setupRetryAfterSeconds, 1),
        ]
        for (key, value, minimum) in minimums where value < minimum {
            throw fail("limits.\(key)", "must be at least \(minimum), got \(value)")
        }
    }

    private func checkDeadline(_ seconds: Double, _ keyPath: String) throws(ConfigError) {
        guard seconds > 0, seconds <= 300 else {
            throw fail(keyPath, "must be a number of seconds above 0 and at most 300, got \(format(seconds))")
        }
    }

    private func validateRoutes(checkFiles: Bool) throws(ConfigError) {
        guard !routes.isEmpty else {
            throw fail("routes", "at least one route is required, such as {match: \"*\", scenario: demo-ivr.sh}")
        }
        for (index, route) in routes.enumerated() {
            let at = "routes[\(index)]"
            if route.scenario.written.isEmpty { throw fail("\(at).scenario", "must not be empty") }
            if let deadline = route.deadlineSeconds { try checkDeadline(deadline, "\(at).deadline_seconds") }
            if let workers = route.workers {
                guard route.persistent else {
                    throw fail("\(at).workers", "only applies to a persistent scenario; add persistent: true or remove workers")
                }
                guard Route.workerRange.contains(workers) else {
                    throw fail("\(at).workers", "must be between \(Route.workerRange.lowerBound) and \(Route.workerRange.upperBound), got \(workers)")
                }
            }
            for name in route.vars.keys.sorted() where !Names.isVarName(name) {
                throw fail("\(at).vars.\(name)", "is not a variable name (letters, digits and _, not starting with a digit, at most 64)")
            }
            let size = JSONValue.object(route.vars).encoded().count
            if size > limits.varsBytes {
                throw fail("\(at).vars", "take \(size) bytes as JSON; limits.vars_bytes allows \(limits.varsBytes)")
            }
            switch route.fallback {
            case .errorPrompt: break
            case .queue(let name):
                guard Names.isIdentifier(name, allowing: "-_.") else {
                    throw fail("\(at).fallback.queue", "must be a queue name (letters, digits, - _ .), got \"\(name)\"")
                }
            case .scenario(let path):
                if path.written.isEmpty { throw fail("\(at).fallback.scenario", "must not be empty") }
                if checkFiles { try checkScenario(path, "\(at).fallback.scenario") }
            }
            if checkFiles { try checkScenario(route.scenario, "\(at).scenario") }
        }
    }

    private func checkScenario(_ path: ConfigPath, _ keyPath: String) throws(ConfigError) {
        let name = "\"\(path.written)\""
        let folder = scenariosDir.written.hasSuffix("/") ? scenariosDir.written : scenariosDir.written + "/"
        let isAbsolute = path.written.hasPrefix("/")
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path.resolved, isDirectory: &isFolder) else {
            throw fail(keyPath, isAbsolute ? "\(name) was not found" : "\(name) was not found in \(folder)")
        }
        let place = isAbsolute ? name : "\(name) in \(folder)"
        guard !isFolder.boolValue else { throw fail(keyPath, "\(place) is a folder, not an executable file") }
        guard FileManager.default.isExecutableFile(atPath: path.resolved) else {
            throw fail(keyPath, "\(place) is not executable; run: chmod +x \(path.resolved)")
        }
    }

    private func validateAgents() throws(ConfigError) {
        var seen: [String: Int] = [:]
        for (index, agent) in agents.enumerated() {
            let at = "agents[\(index)]"
            guard (2...10).contains(agent.extension.count), agent.extension.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw fail("\(at).extension", "must be 2 to 10 digits, got \"\(agent.extension)\"")
            }
            if let first = seen[agent.extension] {
                throw fail("\(at).extension", "\"\(agent.extension)\" is already used by agents[\(first)]")
            }
            seen[agent.extension] = index
            if agent.name.isEmpty || agent.name.contains(where: \.isNewline) {
                throw fail("\(at).name", "must be one line of text, got \"\(agent.name)\"")
            }
            // The hash is a password equivalent: never echo it.
            let hex = agent.passwordHash.dropFirst(Self.md5Prefix.count)
            guard agent.passwordHash.hasPrefix(Self.md5Prefix), hex.count == 32,
                hex.allSatisfy({ ("0"..."9").contains($0) || ("a"..."f").contains($0) })
            else {
                throw fail(
                    "\(at).password_hash",
                    "must be \"md5:\" followed by 32 lowercase hex digits, as `callgate passwd \(agent.extension)` prints it")
            }
        }
    }

    private func validateTrunks() throws(ConfigError) {
        var seen: [String: Int] = [:]
        for (index, trunk) in trunks.enumerated() {
            let at = "trunks[\(index)]"
            if trunk.name.isEmpty { throw fail("\(at).name", "must not be empty") }
            if let first = seen[trunk.name] { throw fail("\(at).name", "\"\(trunk.name)\" is already used by trunks[\(first)]") }
            seen[trunk.name] = index
            try checkPort(trunk.address, "\(at).address")
            if trunk.allow.isEmpty {
                throw fail("\(at).allow", "must list at least one number pattern; a trunk that allows nothing is never used")
            }
            if let account = trunk.account { try validateTrunkAccount(account, at: at) }
        }
    }

    func format(_ seconds: Double) -> String {
        seconds.rounded() == seconds && abs(seconds) < 1e15 ? String(Int64(seconds)) : String(seconds)
    }
}

enum TransferDestinationText {
    /// Digits, `*` and `#`: what every phone's keypad can dial.
    static func isDialable(_ text: String) -> Bool {
        text.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "*" || $0 == "#") }
    }
}
