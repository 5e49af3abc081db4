/// The `enqueue` option that lets a waiting caller hang up and be called back, keeping the place:
/// `"callback": {"key": "2", "confirm": "callback-confirm.wav"}` (or `"say": "…"`, and `"number"`
/// for another number than the caller's). docs/queues.md#callbacks tells the whole story.
public struct QueueCallbackOption: Sendable, Hashable, Encodable {
    /// The DTMF key that asks for the callback.
    public var key: String
    /// What the caller hears before the engine hangs up: a sound file, else this text, else a default sentence.
    public var confirm: String?
    public var say: String?
    /// The number to call back; nil: the caller's own number (From).
    public var number: String?

    public static let defaultConfirmation = "Thank you. We will call you back as soon as an agent is free. Goodbye."

    public init(key: String, confirm: String? = nil, say: String? = nil, number: String? = nil) {
        self.key = key
        self.confirm = confirm
        self.say = say
        self.number = number
    }

    init(_ value: JSONValue, at path: String) throws(ReplyError) {
        var fields = try FieldReader(path: path, value: value)
        guard let key = try fields.keys("key"), !key.isEmpty else { throw fields.missing("key") }
        self.key = key
        confirm = try fields.string("confirm", maxLength: 255)
        if let confirm { try SoundPath.check(confirm, field: fields.field("confirm")) }
        say = try fields.string("say", maxLength: 2000)
        if say?.isEmpty == true { throw ReplyError(field: fields.field("say"), problem: "must not be empty") }
        number = try fields.string("number", maxLength: 32)
        if let number, number.isEmpty || !number.allSatisfy({ $0.isASCII && ($0.isNumber || "+*#".contains($0)) }) {
            throw ReplyError(field: fields.field("number"), problem: "must be a number to dial (digits, +, *, #), got \"\(number)\"")
        }
        try fields.finish(allowing: [], of: "the callback option")
    }

    /// The confirmation prompt.
    var prompt: Prompt {
        if let confirm { return .play(Play(file: confirm)) }
        return .say(Say(text: say ?? Self.defaultConfirmation))
    }
}

/// The caller asked for a callback: the queue keeps the place, the caller hears the confirmation,
/// then the engine hangs up with disposition `callback_requested`.
struct CallbackConfirming: RunningAction {
    var queue: String

    func promptFinished(in call: inout CallMachine) -> ActionStep { end() }

    func stop(_ cause: StopCause, in call: inout CallMachine) -> AfterStop {
        call.effects.append(.stopPrompt)
        return .nothing
    }

    func end() -> ActionStep { .end(disposition: "callback_requested", by: "engine", reason: "callback requested in queue \(queue)") }
}

extension Queued {
    /// The callback key: out of the live line (the place is kept), the confirmation, the end of the call.
    func requestCallback(_ key: Character, _ option: QueueCallbackOption, in call: inout CallMachine) -> ActionStep {
        call.trail(.dtmf(key))
        call.effects.append(.leaveQueue(reason: "callback"))
        call.effects.append(.stopPrompt)  // the music on hold stops: the confirmation plays at once
        call.effects.append(.startPrompt(option.prompt))
        return .wait(CallbackConfirming(queue: enqueue.queue))
    }
}
