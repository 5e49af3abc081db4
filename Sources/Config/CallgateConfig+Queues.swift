import CallgateCore

/// The `queues:` section: decoding each queue and the rules on its values.
extension CallgateConfig {
    static let queueKeys = [
        "name", "strategy", "max_wait_seconds", "max_length", "join_empty", "leave_empty", "ring_timeout_seconds",
        "retry_delay_seconds", "wrap_up_seconds", "service_level_seconds", "announce_position", "announce_wait",
        "announce_every_seconds", "moh", "record", "max_missed_offers",
        "callback_mode", "callback_attempts", "callback_retry_seconds", "callback_ring_seconds", "callback_caller_id",
    ]

    static func decodeQueue(_ value: YAMLValue) throws(ConfigError) -> QueueSettings {
        let keys = try value.mapping(allowed: queueKeys)
        let name = try keys.required("name", hint: " (what enqueue actions call the queue, such as support)") {
            v throws(ConfigError) in try v.string()
        }
        var queue = QueueSettings(name: name)
        if let v = keys["strategy"] {
            let text = try v.string()
            guard let strategy = QueueStrategy(rawValue: text) else {
                let names = QueueStrategy.allCases.map(\.rawValue).joined(separator: ", ")
                throw v.error("must be one of \(names), got \(v.shown)")
            }
            queue.strategy = strategy
        }
        if let v = keys["max_wait_seconds"] { queue.maxWaitSeconds = try v.number() }
        if let v = keys["max_length"] { queue.maxLength = try v.int() }
        if let v = keys["join_empty"] { queue.joinEmpty = try v.bool() }
        if let v = keys["leave_empty"] { queue.leaveEmpty = try v.bool() }
        if let v = keys["ring_timeout_seconds"] { queue.ringTimeoutSeconds = try v.number() }
        if let v = keys["retry_delay_seconds"] { queue.retryDelaySeconds = try v.number() }
        if let v = keys["wrap_up_seconds"] { queue.wrapUpSeconds = try v.number() }
        if let v = keys["service_level_seconds"] { queue.serviceLevelSeconds = try v.number() }
        if let v = keys["announce_position"] { queue.announcePosition = try v.bool() }
        if let v = keys["announce_wait"] { queue.announceWait = try v.bool() }
        if let v = keys["announce_every_seconds"] { queue.announceEverySeconds = try v.number() }
        if let v = keys["moh"] { queue.musicOnHold = try v.string() }
        if let v = keys["record"] { queue.record = try v.bool() }
        if let v = keys["max_missed_offers"] { queue.maxMissedOffers = try v.int() }
        if let v = keys["callback_mode"] {
            let text = try v.string()
            guard let mode = CallbackMode(rawValue: text) else {
                throw v.error("must be one of \(CallbackMode.allCases.map(\.rawValue).joined(separator: ", ")), got \(v.shown)")
            }
            queue.callbackMode = mode
        }
        if let v = keys["callback_attempts"] { queue.callbackAttempts = try v.int() }
        if let v = keys["callback_retry_seconds"] { queue.callbackRetrySeconds = try v.number() }
        if let v = keys["callback_ring_seconds"] { queue.callbackRingSeconds = try v.number() }
        if let v = keys["callback_caller_id"] {
            let text = try v.string()
            guard !text.isEmpty, text.count <= 32, text.allSatisfy({ $0.isASCII && ($0.isNumber || "+*#".contains($0)) }) else {
                throw v.error("must be a number the customer sees (digits, +, *, #; at most 32), got \(v.shown)")
            }
            queue.callbackCallerID = text
        }
        return queue
    }

    func validateQueues() throws(ConfigError) {
        var seen: [String: Int] = [:]
        for (index, queue) in queues.enumerated() {
            let at = "queues[\(index)]"
            guard Names.isIdentifier(queue.name, allowing: "-_.") else {
                throw fail("\(at).name", "must be a queue name (1 to 64 letters, digits, - _ .), got \"\(queue.name)\"")
            }
            if let first = seen[queue.name] { throw fail("\(at).name", "\"\(queue.name)\" is already used by queues[\(first)]") }
            seen[queue.name] = index
            let seconds: [(String, Double, ClosedRange<Double>, String)] = [
                ("max_wait_seconds", queue.maxWaitSeconds, 0...86_400, "from 0 (no limit) to 86400"),
                ("ring_timeout_seconds", queue.ringTimeoutSeconds, 1...300, "from 1 to 300"),
                ("retry_delay_seconds", queue.retryDelaySeconds, 0...3600, "from 0 to 3600"),
                ("wrap_up_seconds", queue.wrapUpSeconds, 0...3600, "from 0 to 3600"),
                ("service_level_seconds", queue.serviceLevelSeconds, 1...3600, "from 1 to 3600"),
                ("announce_every_seconds", queue.announceEverySeconds, 5...3600, "from 5 to 3600"),
                ("callback_retry_seconds", queue.callbackRetrySeconds, 0...86_400, "from 0 to 86400"),
                ("callback_ring_seconds", queue.callbackRingSeconds, 5...300, "from 5 to 300"),
            ]
            for (key, value, range, text) in seconds where !range.contains(value) {
                throw fail("\(at).\(key)", "must be a number of seconds \(text), got \(format(value))")
            }
            let counts: [(String, Int, ClosedRange<Int>, String)] = [
                ("max_length", queue.maxLength, 0...100_000, "from 0 (no limit) to 100000"),
                ("max_missed_offers", queue.maxMissedOffers, 0...100, "from 0 (never pause) to 100"),
                ("callback_attempts", queue.callbackAttempts, 1...20, "from 1 to 20"),
            ]
            for (key, value, range, text) in counts where !range.contains(value) {
                throw fail("\(at).\(key)", "must be a whole number \(text), got \(value)")
            }
            do {
                try SoundPath.check(queue.musicOnHold, field: "moh")
            } catch {
                throw fail("\(at).moh", queue.musicOnHold.isEmpty ? "must name a sound file in sounds_dir" : error.problem)
            }
        }
    }

    /// Each agent's skills are names with levels 1–10; its queues are configured ones, each once.
    func validateAgentQueuesAndSkills() throws(ConfigError) {
        let names = queues.map(\.name)
        for (index, agent) in agents.enumerated() {
            let at = "agents[\(index)]"
            for skill in agent.skills.keys.sorted() {
                guard Names.isIdentifier(skill, allowing: "-_") else {
                    throw fail("\(at).skills.\(skill)", "is not a skill name (1 to 64 letters, digits, - _)")
                }
                let level = agent.skills[skill] ?? 0
                guard (1...10).contains(level) else { throw fail("\(at).skills.\(skill)", "must be a level from 1 to 10, got \(level)") }
            }
            for (position, queue) in agent.queues.enumerated() {
                let here = "\(at).queues[\(position)]"
                guard names.contains(queue) else {
                    let known = names.isEmpty ? "no queues are configured (add them under queues:)" : "expected one of: " + names.joined(separator: ", ")
                    throw fail(here, "\"\(queue)\" is not a configured queue; \(known)")
                }
                if let first = agent.queues.firstIndex(of: queue), first < position {
                    throw fail(here, "\"\(queue)\" is already listed at \(at).queues[\(first)]")
                }
            }
            for (position, queue) in agent.supervises.enumerated() where queue != "*" && !names.contains(queue) {
                let known = names.isEmpty ? "no queues are configured (add them under queues:)" : "expected \"*\" or one of: " + names.joined(separator: ", ")
                throw fail("\(at).supervises[\(position)]", "\"\(queue)\" is not a configured queue; \(known)")
            }
        }
    }

    /// The API token goes in an Authorization header: printable ASCII, and never echoed.
    func validateHTTPToken() throws(ConfigError) {
        guard let token = http.token else { return }
        guard token.count >= 16 else { throw fail("http.token", "must be at least 16 characters, got \(token.count)") }
        guard token.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) else {
            throw fail("http.token", "must be printable ASCII without spaces")
        }
        if token == HTTP.demoToken, !http.listen.isLoopback {
            throw fail(
                "http.token",
                "is the public demo token of the embedded default; set a token of your own before http.listen leaves the loopback address")
        }
    }
}
