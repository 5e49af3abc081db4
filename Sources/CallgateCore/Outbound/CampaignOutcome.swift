/// How one attempt ended, as counted and retried. `answered` ends the contact's attempts; every
/// other outcome is retried after its delay while attempts are left.
public enum AttemptOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    case answered
    case busy
    case noAnswer = "no_answer"
    /// Answering-machine detection said `machine`.
    case machine
    case rejected
    case failed
    /// The engine refused to place the call (no trunk allows the number, at the call limit).
    case refused
    /// An agent campaign's answered call found no agent within the connect window.
    case abandoned
    /// The engine stopped while the attempt was under way; found at the next start-up.
    case interrupted

    /// The outcome of an ended call from its record's disposition, AMD verdict and, for agent
    /// campaigns, the queue connect's `connect_result` var (`abandoned`: no agent took the
    /// answered call within the connect window; `machine`).
    public static func of(disposition: String?, machine: MachineVerdict?, answered: Bool,
                          connectResult: String? = nil) -> AttemptOutcome {
        if machine == .machine || connectResult == "machine" { return .machine }
        if answered, connectResult == "abandoned" { return .abandoned }
        switch disposition {
        case "no_answer": return .noAnswer
        case "busy": return .busy
        case "rejected": return .rejected
        case "failed" where !answered: return .failed
        default: return answered ? .answered : .failed
        }
    }
}

/// What follows an attempt for its contact: the contact's new state and, when it is retried,
/// when its next attempt is due (seconds since 1970).
public struct AttemptConsequence: Sendable, Hashable {
    public var contactState: ContactState
    public var nextAttemptAt: Double?

    public init(contactState: ContactState, nextAttemptAt: Double?) {
        self.contactState = contactState
        self.nextAttemptAt = nextAttemptAt
    }

    /// - Parameters: `attempts` is how many attempts the contact has had, this one included.
    public static func after(_ outcome: AttemptOutcome, attempts: Int, endedAt: Double,
                             definition: CampaignDefinition) -> AttemptConsequence {
        guard let delay = definition.retryDelays.delay(after: outcome) else {
            return AttemptConsequence(contactState: .completed, nextAttemptAt: nil)
        }
        guard attempts < definition.maxAttempts else {
            return AttemptConsequence(contactState: .failed, nextAttemptAt: nil)
        }
        return AttemptConsequence(contactState: .pending, nextAttemptAt: endedAt + max(0, delay))
    }
}
