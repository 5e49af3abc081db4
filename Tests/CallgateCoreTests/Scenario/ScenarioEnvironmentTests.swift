import Testing
@testable import CallgateCore

@Suite struct ScenarioEnvironmentTests {
    func event(from: String, to: String) -> ScenarioEvent {
        ScenarioEvent(event: .callStart, call: CallInfo(id: "c-1", from: from, to: to),
                      vars: ["long": .string(String(repeating: "v", count: ScenarioEnvironment.maxValueBytes + 1))])
    }

    @Test func fromAndToUpToTheLimitArePassed() {
        let limit = String(repeating: "9", count: ScenarioEnvironment.maxValueBytes)
        let env = ScenarioEnvironment.make(for: event(from: "+15550100", to: limit), engine: [:])
        #expect(env["CALLGATE_FROM"] == "+15550100")
        #expect(env["CALLGATE_TO"] == limit)
    }

    /// A caller chooses their From and To: past the vars' limit they stay in the stdin JSON only,
    /// so a huge From cannot make the kernel refuse the spawn (E2BIG) and fail every event.
    @Test func fromAndToOverTheLimitAreLeftOutLikeVars() {
        let huge = String(repeating: "é", count: ScenarioEnvironment.maxValueBytes / 2 + 1)   // 2 bytes each
        let env = ScenarioEnvironment.make(for: event(from: huge, to: huge), engine: [:])
        #expect(env["CALLGATE_FROM"] == nil)
        #expect(env["CALLGATE_TO"] == nil)
        #expect(env["CALLGATE_VAR_LONG"] == nil)
        #expect(env["CALLGATE_CALL_ID"] == "c-1")
    }
}
