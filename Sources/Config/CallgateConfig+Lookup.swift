import CallgateCore

extension CallgateConfig {
    /// The first route whose pattern matches the dialed number; nil when none does.
    public func route(forDialed number: String) -> Route? {
        routes.first { $0.match.matches(number) }
    }

    /// The first trunk whose allow list matches; nil means the number may not be dialed.
    public func trunk(forNumber number: String) -> Trunk? {
        trunks.first { $0.allows(number) }
    }

    public func agent(extension number: String) -> Agent? {
        agents.first { $0.extension == number }
    }

    /// The queues, in the order configured, as the queue machine takes them.
    public func queueSettings() -> [QueueSettings] { queues }

    /// The agents as the queue machine knows them: no password hashes.
    public func agentProfiles() -> [AgentProfile] {
        agents.map { AgentProfile(extension: $0.extension, name: $0.name, skills: $0.skills, queues: $0.queues) }
    }

    /// The call machine's settings for calls on a route.
    public func callConfiguration(for route: Route) -> CallConfiguration {
        CallConfiguration(fallback: route.fallback.callFallback, maxEvents: limits.eventsPerCall, maxVarsBytes: limits.varsBytes)
    }

    /// The time a route's scenario has to reply to one event.
    public func scenarioDeadline(for route: Route) -> Duration {
        .milliseconds(Int(((route.deadlineSeconds ?? limits.scenarioDeadlineSeconds) * 1000).rounded()))
    }
}
