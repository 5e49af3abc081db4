/// `enqueue`: puts the caller in an ACD queue, with music on hold, until an agent takes the call.
/// Ends the list; `queue.done` arrives with `{"reason": "agent_hangup" | "timeout" | "full" | "no_agents" | "key"}`.
public struct Enqueue: ScenarioAction {
    public static let name = "enqueue"
    public var queue: String
    /// Higher goes first; equal priorities in order of arrival.
    public var priority: Int
    /// Skills the agent needs, each with the lowest acceptable level (1–10).
    public var skills: [String: Int]
    /// A key that lets the caller leave the queue (`queue.done` with reason `key`); nil for none.
    public var exitKey: String?
    /// Maximum wait in seconds, overriding the queue's own; nil keeps the queue's.
    public var timeout: Int?
    /// A key that hangs up and keeps the place for a callback; nil for none.
    public var callback: QueueCallbackOption?

    public init(queue: String, priority: Int = 0, skills: [String: Int] = [:], exitKey: String? = nil, timeout: Int? = nil,
                callback: QueueCallbackOption? = nil) {
        self.callback = callback
        self.queue = queue
        self.priority = priority
        self.skills = skills
        self.exitKey = exitKey
        self.timeout = timeout
    }

    public init(reading fields: inout FieldReader) throws(ReplyError) {
        queue = try fields.requiredString("queue", maxLength: 64)
        guard Names.isIdentifier(queue, allowing: "-_.") else {
            throw ReplyError(field: fields.field("queue"), problem: "must be a queue name (letters, digits, - _ .), got \"\(queue)\"")
        }
        priority = try fields.integer("priority", in: 0...100) ?? 0
        skills = try Self.skills(fields.raw("skills"), at: fields.field("skills"))
        exitKey = try fields.keys("exit_key")
        if exitKey == "" { exitKey = nil }
        timeout = try fields.integer("timeout", in: 1...86_400)
        callback = try fields.raw("callback").map { value throws(ReplyError) in try QueueCallbackOption(value, at: fields.field("callback")) }
        if let key = callback?.key, let exitKey, exitKey.contains(key) {
            throw ReplyError(field: fields.field("callback.key"), problem: "is also the exit key \"\(exitKey)\"; use another key")
        }
    }

    /// Skills come as a list of names (level 1 and up) or as an object of name → lowest level.
    static func skills(_ value: JSONValue?, at path: String) throws(ReplyError) -> [String: Int] {
        var result: [String: Int] = [:]
        switch value {
        case nil:
            break
        case .array(let items)?:
            for (i, item) in items.enumerated() {
                guard case .string(let name) = item, Names.isIdentifier(name, allowing: "-_") else {
                    throw ReplyError(field: "\(path)[\(i)]", problem: "must be a skill name, got \(item.encodedString)")
                }
                result[name] = 1
            }
        case .object(let levels)?:
            for (name, level) in levels {
                guard Names.isIdentifier(name, allowing: "-_") else {
                    throw ReplyError(field: "\(path).\(name)", problem: "is not a valid skill name")
                }
                guard case .number(let n) = level, n.rounded() == n, (1...10).contains(n) else {
                    throw ReplyError(field: "\(path).\(name)", problem: "must be a level from 1 to 10, got \(level.encodedString)")
                }
                result[name] = Int(n)
            }
        case let other?:
            throw ReplyError(field: path, problem: "must be a list of skill names or an object of skill → level, got \(other.typeDescription)")
        }
        return result
    }

    public var requirement: CallRequirement { .media(early: false) }
    public var flow: ActionFlow { .outcome(.queueDone) }
    public var expectArgument: String? { queue }
    public var summary: String {
        "enqueue in \(queue), priority \(priority)"
            + (skills.isEmpty ? "" : ", skills " + skills.sorted { $0.key < $1.key }.map { "\($0.key)≥\($0.value)" }.joined(separator: " "))
            + (exitKey.map { ", exit key \($0)" } ?? "")
            + (callback.map { ", callback key \($0.key)" } ?? "")
    }

    enum CodingKeys: String, CodingKey { case queue, priority, skills, exitKey = "exit_key", timeout, callback }
}

extension Enqueue: RunnableAction {
    func start(in call: inout CallMachine) -> ActionStep { start(asFallback: false, in: &call) }

    /// The route's fallback queue starts the same action, but its end is the call's end: no scenario is left to tell.
    func start(asFallback: Bool, in call: inout CallMachine) -> ActionStep {
        call.effects.append(.enqueue(self))
        return .wait(Queued(enqueue: self, isFallback: asFallback))
    }
}

/// A caller waiting in a queue (or talking to its agent) until the queue lets go.
struct Queued: RunningAction {
    var enqueue: Enqueue
    var isFallback: Bool

    /// The exit key: the machine takes the caller out itself, so the edge sends no `queueLeft`.
    func dtmf(_ key: Character, in call: inout CallMachine) -> ActionStep {
        if let option = enqueue.callback, option.key.contains(key) { return requestCallback(key, option, in: &call) }
        guard enqueue.exitKey.map({ $0.contains(key) }) == true else { return .wait(self) }
        call.trail(.dtmf(key))
        call.effects.append(.leaveQueue(reason: "key"))
        return queueLeft(reason: "key", details: ["key": .string(String(key))], in: &call)
    }

    func queueLeft(reason: String, details: [String: JSONValue], in call: inout CallMachine) -> ActionStep {
        if isFallback {
            if reason == "agent_hangup" { return .end(disposition: "completed", by: "engine", reason: "fallback queue ended") }
            return .errorPrompt
        }
        return .send(.queueDone, result: details.merging(["reason": .string(reason), "queue": .string(enqueue.queue)]) { _, new in new })
    }

    func stop(_ cause: StopCause, in call: inout CallMachine) -> AfterStop {
        call.effects.append(.leaveQueue(reason: cause == .failed ? "failed" : "hangup"))
        return .nothing
    }
}

extension Action {
    public static func enqueue(_ enqueue: Enqueue) -> Action { Action(enqueue) }
}
