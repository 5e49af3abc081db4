import CallgateCore

extension CallgateConfig {
    /// Which scenario handles calls to the numbers a pattern matches.
    public struct Route: Sendable, Hashable {
        /// Matched against the dialed number (the To / Request-URI user).
        public var match: NumberPattern
        /// Relative paths resolve against `scenarios_dir`.
        public var scenario: ConfigPath
        public var fallback: RouteFallback = .errorPrompt
        /// Overrides `limits.scenario_deadline_seconds` for this route.
        public var deadlineSeconds: Double?
        /// The initial `vars` of calls on this route.
        public var vars: [String: JSONValue] = [:]
        /// Whether the scenario runs as long-lived workers reading one event per line, instead of
        /// one process per event.
        public var persistent = false
        /// How many workers a persistent scenario keeps at most; nil takes `defaultWorkers`.
        public var workers: Int?

        public static let defaultWorkers = 2
        public static let workerRange = 1...16

        public init(match: NumberPattern, scenario: ConfigPath, fallback: RouteFallback = .errorPrompt,
                    deadlineSeconds: Double? = nil, vars: [String: JSONValue] = [:], persistent: Bool = false, workers: Int? = nil) {
            self.match = match
            self.scenario = scenario
            self.fallback = fallback
            self.deadlineSeconds = deadlineSeconds
            self.vars = vars
            self.persistent = persistent
            self.workers = workers
        }

        /// The workers of a persistent route.
        public var workerCount: Int { workers ?? Self.defaultWorkers }
    }

    /// What a route does when its scenario fails, with the scenario's path kept as written.
    public enum RouteFallback: Sendable, Hashable {
        case errorPrompt
        case scenario(ConfigPath)
        case queue(String)

        /// The core's fallback, with the scenario's absolute path.
        public var callFallback: Fallback {
            switch self {
            case .errorPrompt: .errorPrompt
            case .scenario(let path): .scenario(path.resolved)
            case .queue(let name): .queue(name)
            }
        }
    }
}
