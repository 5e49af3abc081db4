/// A caller asking to join a queue: what the `enqueue` action asked for, and who is calling.
public struct CallerTicket: Sendable, Hashable {
    public var callID: String
    public var queue: String
    /// 0–100; higher goes first, equal priorities in order of arrival.
    public var priority: Int
    /// Skill name → lowest acceptable level (1–10). Only agents with all of them are offered the caller.
    public var skills: [String: Int]
    /// Informational here: the call machine itself watches for the key and reports `callerLeft(exitKey)`.
    public var exitKey: String?
    /// Overrides the queue's `maxWaitSeconds`.
    public var maxWaitSeconds: Double?
    public var callerNumber: String
    public var callerName: String?
    /// Where a callback calls the caller back; nil: `callerNumber`.
    public var callbackNumber: String?

    public init(
        callID: String, queue: String, priority: Int = 0, skills: [String: Int] = [:], exitKey: String? = nil,
        maxWaitSeconds: Double? = nil, callerNumber: String = "", callerName: String? = nil
    ) {
        self.callID = callID
        self.queue = queue
        self.priority = min(max(priority, 0), 100)
        self.skills = skills
        self.exitKey = exitKey
        self.maxWaitSeconds = maxWaitSeconds
        self.callerNumber = callerNumber
        self.callerName = callerName
    }

    /// The number a callback dials.
    public var numberToCallBack: String { callbackNumber ?? callerNumber }

    /// The ticket for a call that ran an `enqueue` action.
    public init(callID: String, enqueue: Enqueue, callerNumber: String, callerName: String? = nil) {
        self.init(
            callID: callID, queue: enqueue.queue, priority: enqueue.priority, skills: enqueue.skills, exitKey: enqueue.exitKey,
            maxWaitSeconds: enqueue.timeout.map(Double.init), callerNumber: callerNumber, callerName: callerName)
        callbackNumber = enqueue.callback?.number
    }
}
