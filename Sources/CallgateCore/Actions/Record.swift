/// `record`: records the caller to a WAV file, after a beep, until the terminator key, silence,
/// `max_seconds` or hangup. Ends the list; the outcome arrives as `record.done` with `{"file", "duration", "reason"}`.
public struct Record: ScenarioAction {
    public static let name = "record"
    public var maxSeconds: Int
    public var beep: Bool
    /// The key that stops recording; "" for none.
    public var terminator: String

    public init(maxSeconds: Int = 60, beep: Bool = true, terminator: String = "#") {
        self.maxSeconds = maxSeconds
        self.beep = beep
        self.terminator = terminator
    }

    public init(reading fields: inout FieldReader) throws(ReplyError) {
        maxSeconds = try fields.integer("max_seconds", in: 1...3600) ?? 60
        beep = try fields.bool("beep") ?? true
        terminator = try fields.keys("terminator") ?? "#"
    }

    public var requirement: CallRequirement { .media(early: false) }
    public var flow: ActionFlow { .outcome(.recordDone) }

    enum CodingKeys: String, CodingKey { case maxSeconds = "max_seconds", beep, terminator }
}
