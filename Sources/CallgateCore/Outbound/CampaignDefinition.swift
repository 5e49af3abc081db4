/// One outbound campaign as its author defined it: whom it calls with what, when, how often and
/// how hard. Stored as JSON beside the campaign's state, so new settings can be added with defaults.
public struct CampaignDefinition: Sendable, Hashable, Codable {
    /// 1 to 64 letters, digits, `-`, `_` or `.`: it names the campaign in the CLI, the API and the CSV.
    public var name: String
    public var kind: CampaignKind
    /// Notification campaigns: the number whose route's scenario runs on each answered call
    /// (`OriginateConnect.route`).
    public var route: String?
    /// Agent campaigns: the queue whose agents take the answered calls.
    public var queue: String?
    /// Agent campaigns: how calls are paced.
    public var mode: DialingMode?
    /// The number the contacts see; nil: the configuration's default caller ID.
    public var callerID: String?
    /// How long a contact's phone may ring before the attempt ends as `no_answer`.
    public var ringSeconds: Int = 30
    public var window: CallingWindow = CallingWindow()
    /// Calls of this campaign up at once, at most.
    public var maxConcurrent: Int = 10
    /// Attempts per contact, the first one included.
    public var maxAttempts: Int = 3
    public var retryDelays: RetryDelays = RetryDelays()
    /// Answering-machine detection on answered calls; nil: off.
    public var machineDetection: MachineDetectionSettings?
    /// Agent campaigns: the share of answered calls that may find no agent within the connect window.
    public var abandonCap: Double = 0.03
    /// Agent campaigns: the sound file (as `play` takes it) an answered call hears when no agent
    /// takes it within the connect window; nil: none, the call just ends.
    public var abandonMessage: String?

    public init(name: String, kind: CampaignKind, route: String? = nil, queue: String? = nil, mode: DialingMode? = nil) {
        self.name = name
        self.kind = kind
        self.route = route
        self.queue = queue
        self.mode = mode
    }

    enum CodingKeys: String, CodingKey {
        case name, kind, route, queue, mode, callerID = "caller_id", ringSeconds = "ring_seconds", window
        case maxConcurrent = "max_concurrent", maxAttempts = "max_attempts", retryDelays = "retry_delays"
        case machineDetection = "machine_detection", abandonCap = "abandon_cap", abandonMessage = "abandon_message"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        kind = try c.decode(CampaignKind.self, forKey: .kind)
        route = try c.decodeIfPresent(String.self, forKey: .route)
        queue = try c.decodeIfPresent(String.self, forKey: .queue)
        mode = try c.decodeIfPresent(DialingMode.self, forKey: .mode)
        callerID = try c.decodeIfPresent(String.self, forKey: .callerID)
        ringSeconds = try c.decodeIfPresent(Int.self, forKey: .ringSeconds) ?? 30
        window = try c.decodeIfPresent(CallingWindow.self, forKey: .window) ?? CallingWindow()
        maxConcurrent = try c.decodeIfPresent(Int.self, forKey: .maxConcurrent) ?? 10
        maxAttempts = try c.decodeIfPresent(Int.self, forKey: .maxAttempts) ?? 3
        retryDelays = try c.decodeIfPresent(RetryDelays.self, forKey: .retryDelays) ?? RetryDelays()
        machineDetection = try c.decodeIfPresent(MachineDetectionSettings.self, forKey: .machineDetection)
        abandonCap = try c.decodeIfPresent(Double.self, forKey: .abandonCap) ?? 0.03
        abandonMessage = try c.decodeIfPresent(String.self, forKey: .abandonMessage)
    }

    /// Every key, absent values as null, as the API writes every object.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(kind, forKey: .kind)
        try c.encode(route, forKey: .route)
        try c.encode(queue, forKey: .queue)
        try c.encode(mode, forKey: .mode)
        try c.encode(callerID, forKey: .callerID)
        try c.encode(ringSeconds, forKey: .ringSeconds)
        try c.encode(window, forKey: .window)
        try c.encode(maxConcurrent, forKey: .maxConcurrent)
        try c.encode(maxAttempts, forKey: .maxAttempts)
        try c.encode(retryDelays, forKey: .retryDelays)
        try c.encode(machineDetection, forKey: .machineDetection)
        try c.encode(abandonCap, forKey: .abandonCap)
        try c.encode(abandonMessage, forKey: .abandonMessage)
    }
}

/// What an answered call of a campaign does.
public enum CampaignKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A route's scenario talks to the contact (play or say with the contact's vars, gather a key).
    case notification
    /// The call is connected to an agent of the campaign's queue.
    case agent
}

/// How an agent campaign paces its calls.
public enum DialingMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// The agent sees the contact first and asks for the call.
    case preview
    /// One call per free agent.
    case progressive
    /// More calls than free agents, from the measured answer rate, within the abandon cap.
    case predictive
}

/// How long a contact waits for the next attempt after each outcome, in seconds.
public struct RetryDelays: Sendable, Hashable, Codable {
    public var busy: Double = 600
    public var noAnswer: Double = 1800
    public var machine: Double = 3600
    /// Failed, rejected, refused, interrupted and abandoned attempts.
    public var failed: Double = 900

    public init(busy: Double = 600, noAnswer: Double = 1800, machine: Double = 3600, failed: Double = 900) {
        self.busy = busy
        self.noAnswer = noAnswer
        self.machine = machine
        self.failed = failed
    }

    enum CodingKeys: String, CodingKey { case busy, noAnswer = "no_answer", machine, failed }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        busy = try c.decodeIfPresent(Double.self, forKey: .busy) ?? 600
        noAnswer = try c.decodeIfPresent(Double.self, forKey: .noAnswer) ?? 1800
        machine = try c.decodeIfPresent(Double.self, forKey: .machine) ?? 3600
        failed = try c.decodeIfPresent(Double.self, forKey: .failed) ?? 900
    }

    /// The delay after an attempt that ended so; nil for an outcome that is never retried.
    public func delay(after outcome: AttemptOutcome) -> Double? {
        switch outcome {
        case .answered: nil
        case .busy: busy
        case .noAnswer: noAnswer
        case .machine: machine
        case .failed, .rejected, .refused, .interrupted, .abandoned: failed
        }
    }
}
