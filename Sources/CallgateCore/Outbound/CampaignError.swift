/// Why a campaign operation was refused; the CLI prints it and the API turns it into a status.
public enum CampaignError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A field of the definition is wrong (400 naming the field).
    case invalid(field: String, String)
    /// No campaign with this name (404).
    case unknownCampaign(String)
    /// A campaign with this name exists already (409).
    case exists(String)
    /// The command does not apply in the campaign's state (409).
    case wrongState(campaign: String, state: CampaignState, command: String)
    /// Nothing to hand out or to dial (404): no due contact, or no contact reserved for the agent.
    case noContact(String)
    /// The database failed, or the engine cannot place calls now (500 / 503); the text says which.
    case unavailable(String)

    public var description: String {
        switch self {
        case .invalid(let field, let why): "\(field): \(why)"
        case .unknownCampaign(let name): "no campaign named \(name)"
        case .exists(let name): "a campaign named \(name) exists already"
        case .wrongState(let name, let state, let command): "campaign \(name) is \(state.rawValue): cannot \(command) it"
        case .noContact(let why): why
        case .unavailable(let why): why
        }
    }
}

extension CampaignDefinition {
    /// Checks every field before the campaign is stored, so the driver never meets a bad one.
    public func validate() throws(CampaignError) {
        guard (1...64).contains(name.count),
              name.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)) })
        else { throw .invalid(field: "name", "must be 1 to 64 letters, digits, '-', '_' or '.'") }
        switch kind {
        case .notification:
            guard let route, !route.isEmpty else { throw .invalid(field: "route", "a notification campaign needs the route (number) whose scenario runs") }
            guard queue == nil, mode == nil else { throw .invalid(field: queue == nil ? "mode" : "queue", "is for agent campaigns only") }
        case .agent:
            guard let queue, !queue.isEmpty else { throw .invalid(field: "queue", "an agent campaign needs its queue") }
            guard mode != nil else { throw .invalid(field: "mode", "an agent campaign needs a mode: preview, progressive or predictive") }
            guard route == nil else { throw .invalid(field: "route", "is for notification campaigns: agent campaigns connect to their queue") }
        }
        guard (1...600).contains(ringSeconds) else { throw .invalid(field: "ring_seconds", "must be 1 to 600") }
        guard (1...1000).contains(maxConcurrent) else { throw .invalid(field: "max_concurrent", "must be 1 to 1000") }
        guard (1...100).contains(maxAttempts) else { throw .invalid(field: "max_attempts", "must be 1 to 100") }
        let delays = [("busy", retryDelays.busy), ("no_answer", retryDelays.noAnswer), ("machine", retryDelays.machine),
                      ("failed", retryDelays.failed)]
        for (key, delay) in delays where !(delay.isFinite && delay >= 0 && delay <= 30 * 86_400) {
            throw .invalid(field: "retry_delays.\(key)", "must be 0 to 2592000 seconds")
        }
        guard abandonCap.isFinite, (0...1).contains(abandonCap) else { throw .invalid(field: "abandon_cap", "must be 0 to 1") }
        guard CampaignZones.isKnown(window.timeZone) else {
            throw .invalid(field: "window.time_zone", "\(window.timeZone) is not an IANA time zone (Europe/Berlin, America/New_York, UTC)")
        }
        guard (0..<1440).contains(window.start), (1...1440).contains(window.end), window.start != window.end else {
            throw .invalid(field: "window", "start and end must differ, within 00:00 to 24:00")
        }
        guard !window.days.isEmpty else { throw .invalid(field: "window.days", "must name at least one day") }
        if let callerID, !(1...32).contains(callerID.count) { throw .invalid(field: "caller_id", "must be 1 to 32 characters") }
    }
}
