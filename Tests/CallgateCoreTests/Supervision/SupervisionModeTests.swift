import CallgateCore
import Testing

@Suite struct SupervisionModeTests {
    @Test func featureCodesNameTheModeAndTheAgent() {
        func parsed(_ dialed: String) -> String? { SupervisionMode.parse(dialed: dialed).map { "\($0.mode.rawValue) \($0.agent)" } }
        #expect(parsed("*951001") == "listen 1001")
        #expect(parsed("*961001") == "whisper 1001")
        #expect(parsed("*97200") == "barge 200")
    }

    @Test(arguments: ["*95", "*951", "*9512345678901", "*951a01", "*91", "1001", "*98100", "*95١٠٠١"])
    func otherNumbersAreNotSupervision(dialed: String) {
        #expect(SupervisionMode.parse(dialed: dialed) == nil)
    }

    @Test func keysSwitchModesAsChanSpysDo() {
        #expect(SupervisionMode(key: "4") == .listen)
        #expect(SupervisionMode(key: "5") == .whisper)
        #expect(SupervisionMode(key: "6") == .barge)
        #expect(SupervisionMode(key: "7") == nil)
        #expect(SupervisionMode.allCases.allSatisfy { SupervisionMode(key: $0.key) == $0 })
    }
}
