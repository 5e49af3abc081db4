/// Which contacts a running campaign calls now: the pure part of the dialer, with time as an input.
///
/// A contact is due when it waits for an attempt (`pending`), its retry delay has passed
/// (`nextAttemptAt`), it has attempts left, and the calling window is open in its time zone.
/// A contact whose number is on the do-not-call list is never due: it is `blocked`, and the
/// driver closes it as `dnc` so the campaign can finish.
public enum CampaignSchedule {
    /// A contact as the schedule needs to see it.
    public struct Candidate: Sendable, Hashable {
        public var id: Int64
        public var number: String
        public var timeZone: String?
        public var state: ContactState
        public var attempts: Int
        public var nextAttemptAt: Double

        public init(id: Int64, number: String, timeZone: String?, state: ContactState, attempts: Int, nextAttemptAt: Double) {
            self.id = id
            self.number = number
            self.timeZone = timeZone
            self.state = state
            self.attempts = attempts
            self.nextAttemptAt = nextAttemptAt
        }
    }

    public struct Decision: Sendable, Hashable {
        /// Due now, earliest first (then in import order), at most `limit`.
        public var due: [Candidate]
        /// On the do-not-call list.
        public var blocked: [Candidate]
    }

    public static func decide(_ candidates: [Candidate], definition: CampaignDefinition, doNotCall: Set<String>,
                              at now: Double, limit: Int) -> Decision {
        var due: [Candidate] = []
        var blocked: [Candidate] = []
        let ordered = candidates.sorted { ($0.nextAttemptAt, $0.id) < ($1.nextAttemptAt, $1.id) }
        for contact in ordered where contact.state == .pending {
            if doNotCall.contains(contact.number) {
                blocked.append(contact)
                continue
            }
            guard due.count < limit, contact.attempts < definition.maxAttempts, contact.nextAttemptAt <= now,
                  definition.window.isOpen(at: now, zone: contact.timeZone) else { continue }
            due.append(contact)
        }
        return Decision(due: due, blocked: blocked)
    }
}
