/// `echo`: sends the caller's own audio straight back, the classic echo test an operator or a
/// customer runs to check a headset, a line or the latency of the path. The next action runs when
/// the terminator key is pressed or after `max_seconds`.
public struct Echo: ScenarioAction {
    public static let name = "echo"
    public var maxSeconds: Int
    /// The key that ends the echo; "" for none.
    public var terminator: String

    public init(maxSeconds: Int = 60, terminator: String = "#") {
        self.maxSeconds = maxSeconds
        self.terminator = terminator
    }

    public init(reading fields: inout FieldReader) throws(ReplyError) {
        maxSeconds = try fields.integer("max_seconds", in: 1...3600) ?? 60
        terminator = try fields.keys("terminator") ?? "#"
    }

    public var requirement: CallRequirement { .media(early: false) }

    enum CodingKeys: String, CodingKey { case maxSeconds = "max_seconds", terminator }
}
