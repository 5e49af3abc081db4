/// Where a campaign is in its life. Only `running` campaigns place calls; `stopped` and
/// `finished` are final.
public enum CampaignState: String, Sendable, Hashable, Codable, CaseIterable {
    case draft, running, paused, stopped, finished

    /// What an operator asks of a campaign (the CLI's and the API's verbs).
    public enum Command: String, Sendable, Hashable, CaseIterable {
        case start, pause, resume, stop
    }

    /// The state a command leads to from this one; nil when the command makes no sense here
    /// (resuming a running campaign, starting a stopped one).
    public func applying(_ command: Command) -> CampaignState? {
        switch (command, self) {
        case (.start, .draft): .running
        case (.pause, .running): .paused
        case (.resume, .paused): .running
        case (.stop, .draft), (.stop, .running), (.stop, .paused): .stopped
        default: nil
        }
    }
}

/// Where one contact is: waiting for an attempt, being called, reserved for an agent's preview,
/// or done one way or another.
public enum ContactState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Waiting for its next attempt (`next_attempt_at`).
    case pending
    /// An attempt is under way.
    case dialing
    /// Given to an agent in preview mode, who has not asked for the call yet.
    case reserved
    /// Answered (by a person, or a machine the scenario left a message on, when no retry is due).
    case completed
    /// Every attempt used and none answered.
    case failed
    /// Its number was on the do-not-call list when its turn came.
    case dnc

    /// Nothing more will be done with the contact.
    public var isFinal: Bool { self == .completed || self == .failed || self == .dnc }
}
