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

        public init(match: NumberPattern, scenario: ConfigPath, fallback: RouteFallback = .errorPrompt,
                    deadlineSeconds: Double? = nil, vars: [String: JSONValue] = [:]) {
            self.match = match
            self.scenario = scenario
            self.fallback = fallback
            self.deadlineSeconds = deadlineSeconds
            self.vars = vars
        }
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
