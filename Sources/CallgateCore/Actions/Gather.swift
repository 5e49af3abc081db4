import Foundation

/// `gather`: collects DTMF keys from the caller, optionally while a prompt plays (the first key stops it).
/// Ends the list; the outcome arrives as `gather.done` with `{"digits", "reason"}`.
public struct Gather: ScenarioAction {
    public static let name = "gather"
    public var maxDigits: Int
    /// Seconds to wait for the first key after the prompt ends.
    public var timeout: Double
    /// Seconds to wait between keys once the caller started typing.
    public var interDigitTimeout: Double
    /// The key that ends input early (not part of the digits); "" for none.
    public var terminator: String
    public var prompt: Prompt?

    public init(maxDigits: Int = 1, timeout: Double = 5, interDigitTimeout: Double? = nil, terminator: String = "#", prompt: Prompt? = nil) {
        self.maxDigits = maxDigits
        self.timeout = timeout
        self.interDigitTimeout = interDigitTimeout ?? timeout
        self.terminator = terminator
        self.prompt = prompt
    }

    public init(reading fields: inout FieldReader) throws(ReplyError) {
        maxDigits = try fields.integer("max_digits", in: 1...64) ?? 1
        timeout = try fields.number("timeout", in: 0.5...120, unit: " seconds") ?? 5
        interDigitTimeout = try fields.number("inter_digit_timeout", in: 0.5...120, unit: " seconds") ?? timeout
        terminator = try fields.keys("terminator") ?? "#"
        if let value = fields.raw("prompt") {
            prompt = try Prompt(value, at: fields.field("prompt"))
        }
    }

    public var requirement: CallRequirement { .media(early: false) }
    public var flow: ActionFlow { .outcome(.gatherDone) }
    public var expectArgument: String? { String(maxDigits) }
    public var summary: String {
        "gather up to \(maxDigits) digit\(maxDigits == 1 ? "" : "s"), timeout \(String(format: "%.1f", timeout)) s"
            + (terminator.isEmpty ? "" : ", ends with \(terminator)")
            + (prompt.map { ", prompt: \($0.spec.summary)" } ?? "")
    }

    enum CodingKeys: String, CodingKey {
        case maxDigits = "max_digits", timeout, interDigitTimeout = "inter_digit_timeout", terminator, prompt
    }
}

extension Gather: RunnableAction {
    /// The keys are collected from the start; the first-key timer waits for the prompt to end.
    func start(in call: inout CallMachine) -> ActionStep {
        var gathering = Gathering(gather: self, promptPlaying: prompt != nil)
        call.effects.append(.collectDigits(self))
        if let prompt {
            call.effects.append(.startPrompt(prompt))
        } else {
            gathering.startTimer(seconds: timeout, in: &call)
        }
        return .wait(gathering)
    }
}

/// A gather while it runs: the keys so far, whether its prompt still plays, its current timer.
struct Gathering: RunningAction {
    var gather: Gather
    var digits = ""
    var promptPlaying: Bool
    var timer: CallTimer?

    func dtmf(_ key: Character, in call: inout CallMachine) -> ActionStep {
        var next = self
        call.trail(.dtmf(key))
        if promptPlaying {
            next.promptPlaying = false
            call.effects.append(.stopPrompt)
        }
        if let timer { call.effects.append(.cancelTimer(timer)) }
        if gather.terminator.contains(key) { return next.done("terminator") }
        next.digits.append(key)
        if next.digits.count >= gather.maxDigits { return next.done("complete") }
        next.startTimer(seconds: gather.interDigitTimeout, in: &call)
        return .wait(next)
    }

    func timerFired(_ timer: CallTimer, in call: inout CallMachine) -> ActionStep {
        timer == self.timer ? done("timeout") : .wait(self)
    }

    func promptFinished(in call: inout CallMachine) -> ActionStep {
        guard promptPlaying else { return .wait(self) }
        var next = self
        next.promptPlaying = false
        if timer == nil { next.startTimer(seconds: gather.timeout, in: &call) }
        return .wait(next)
    }

    func stop(_ cause: StopCause, in call: inout CallMachine) -> AfterStop {
        if promptPlaying { call.effects.append(.stopPrompt) }
        if let timer { call.effects.append(.cancelTimer(timer)) }
        return .nothing
    }

    mutating func startTimer(seconds: Double, in call: inout CallMachine) {
        let timer = call.nextTimer(.gather)
        self.timer = timer
        call.effects.append(.startTimer(timer, seconds: seconds))
    }

    func done(_ reason: String) -> ActionStep {
        .send(.gatherDone, result: ["digits": .string(digits), "reason": .string(reason)])
    }
}

extension CallTimer.Kind {
    /// A gather's wait for the first key, or for the next one.
    public static let gather = Self("gather")
}

extension Action {
    public static func gather(_ gather: Gather) -> Action { Action(gather) }
}

/// What `gather` plays while it waits: a `play` or a `say` action.
public enum Prompt: Sendable, Hashable, Encodable {
    case play(Play)
    case say(Say)

    init(_ value: JSONValue, at path: String) throws(ReplyError) {
        let action = try ActionRegistry.decode(value, at: path)
        if let play = action.as(Play.self) {
            self = .play(play)
        } else if let say = action.as(Say.self) {
            self = .say(say)
        } else {
            throw ReplyError(field: "\(path).action", problem: "a prompt must be a play or a say action")
        }
    }

    /// The prompt as the action it is.
    public var spec: any ScenarioAction {
        switch self {
        case .play(let p): p
        case .say(let s): s
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .play(let p): try Action.play(p).encode(to: encoder)
        case .say(let s): try Action.say(s).encode(to: encoder)
        }
    }
}
