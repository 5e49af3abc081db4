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

    enum CodingKeys: String, CodingKey {
        case maxDigits = "max_digits", timeout, interDigitTimeout = "inter_digit_timeout", terminator, prompt
    }
}

/// What `gather` plays while it waits: a `play` or a `say` action.
public enum Prompt: Sendable, Hashable, Encodable {
    case play(Play)
    case say(Say)

    init(_ value: JSONValue, at path: String) throws(ReplyError) {
        switch try ActionRegistry.decode(value, at: path) {
        case .play(let p): self = .play(p)
        case .say(let s): self = .say(s)
        default: throw ReplyError(field: "\(path).action", problem: "a prompt must be a play or a say action")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .play(let p): try Action.play(p).encode(to: encoder)
        case .say(let s): try Action.say(s).encode(to: encoder)
        }
    }
}
