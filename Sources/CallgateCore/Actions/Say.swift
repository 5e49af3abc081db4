import Foundation

/// `say`: speaks a text to the caller through the configured text-to-speech command.
public struct Say: ScenarioAction {
    public static let name = "say"
    public var text: String
    /// A voice or language for the TTS command (espeak-ng: "en-us", "de", …); the engine's default when absent.
    public var voice: String?
    /// Before the answer, speak as early media instead of answering the call.
    public var early: Bool

    public init(text: String, voice: String? = nil, early: Bool = false) {
        self.text = text
        self.voice = voice
        self.early = early
    }

    public init(reading fields: inout FieldReader) throws(ReplyError) {
        text = try fields.requiredString("text", maxLength: 2000)
        voice = try fields.string("voice", maxLength: 32)
        if let voice, voice.isEmpty || !voice.allSatisfy({ $0.isLetter || $0.isNumber || "-_+".contains($0) }) {
            throw ReplyError(field: fields.field("voice"), problem: "must be a voice name such as \"en-us\", got \"\(voice)\"")
        }
        early = try fields.bool("early") ?? false
    }

    public var requirement: CallRequirement { .media(early: early) }
    public var expectArgument: String? { text }
    /// `--expect say:WORDS` matches any part of the text, in any case: prompts are long and get reworded.
    public func matches(expectation argument: String) -> Bool { text.localizedCaseInsensitiveContains(argument) }
    public var summary: String { "say \"\(text)\"" + (early ? " (early media)" : "") }
}

/// While it speaks, the call waits for the end of the speech; the next action runs after it.
extension Say: PromptingAction {
    var prompt: Prompt { .say(self) }
}

extension Action {
    public static func say(_ say: Say) -> Action { Action(say) }
}
