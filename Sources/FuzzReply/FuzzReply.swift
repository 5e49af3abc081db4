import CallgateCore

/// libFuzzer target: a scenario's stdout through `Reply.parse` (JSON, then every action's
/// fields), the state check the engine runs before acting on it, and the failure text and JSON
/// that go to the log and the call record. A bad reply must be a `ScenarioFailure`, never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReply(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let stdout = UnsafeBufferPointer(start: data, count: size)
    do {
        let reply = try Reply.parse(stdout)
        for answered in [false, true] {
            do { try reply.check(startingAnswered: answered) } catch { _ = "\(error)" }
        }
    } catch {
        _ = (error.description, error.code, error.json.encoded())
    }
    return 0
}
