/// `answer`: picks up the call (SIP 200 OK). Does nothing on a call already answered.
public struct Answer: ScenarioAction {
    public static let name = "answer"
    public init() {}
    public init(reading fields: inout FieldReader) throws(ReplyError) {}
}
