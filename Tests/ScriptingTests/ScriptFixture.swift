import CallgateCore
import Foundation
import Scripting

/// Writes real scenario scripts into a fresh temporary folder for one test.
struct ScriptFixture {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("callgate-runner-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Writes an executable script and returns its path.
    func script(_ name: String, _ body: String, executable: Bool = true) throws -> String {
        let url = directory.appendingPathComponent(name)
        try body.write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: executable ? 0o755 : 0o644], ofItemAtPath: url.path)
        return url.path
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func read(_ name: String) -> String? { try? String(contentsOfFile: path(name), encoding: .utf8) }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    static func event(_ name: EventName = .callStart, id: String = "call-42", vars: [String: JSONValue] = [:],
                      result: [String: JSONValue] = [:]) -> ScenarioEvent {
        ScenarioEvent(event: name, call: CallInfo(id: id, from: "+15550100", to: "100"), vars: vars, result: result)
    }
}

/// Whether a process is still alive (signal 0 probes without sending anything).
func isAlive(_ pid: Int32) -> Bool {
    kill(pid, 0) == 0
}

/// Waits, with a bound, until a condition holds; returns whether it did.
func eventually(within seconds: Double = 5, _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return condition()
}

extension ScenarioOutcome {
    var failure: ScenarioFailure? {
        if case .failure(let f) = result { f } else { nil }
    }

    var reply: Reply? {
        if case .success(let r) = result { r } else { nil }
    }

    /// The vars of the first `set` action in the reply.
    var setVars: [String: JSONValue] {
        for action in reply?.actions ?? [] { if let s = action.as(SetVars.self) { return s.vars } }
        return [:]
    }
}
