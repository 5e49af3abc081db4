/// Why a scenario's run produced no usable reply. Each case selects the route's fallback and is kept with the call.
public enum ScenarioFailure: Error, Sendable, Hashable, CustomStringConvertible {
    case notFound(path: String)
    case notExecutable(path: String)
    case spawnFailed(path: String, detail: String)
    case exitStatus(code: Int32, stderrTail: String)
    case killedBySignal(signal: Int32)
    case timeout(seconds: Double)
    case outputTooLarge(stream: String, limit: Int)
    case notJSON(detail: String)
    case invalidReply(ReplyError)
    /// The reply was valid JSON and well formed, but asked for something the call's state forbids.
    case notAllowed(ReplyError)
    /// The call sent more events than the configured limit (a scenario stuck in a loop).
    case tooManyEvents(limit: Int)
    /// The engine could not carry out an action the scenario asked for (a missing prompt file,
    /// an action not available yet); the scenario is treated as failed so the caller is not left in silence.
    case actionFailed(action: String, detail: String)

    /// A stable code for logs, call records and `--json` output.
    public var code: String {
        switch self {
        case .notFound: "not_found"
        case .notExecutable: "not_executable"
        case .spawnFailed: "spawn_failed"
        case .exitStatus: "exit_status"
        case .killedBySignal: "killed_by_signal"
        case .timeout: "timeout"
        case .outputTooLarge: "output_too_large"
        case .notJSON: "not_json"
        case .invalidReply: "invalid_reply"
        case .notAllowed: "not_allowed"
        case .tooManyEvents: "too_many_events"
        case .actionFailed: "action_failed"
        }
    }

    public var description: String {
        switch self {
        case .notFound(let path): "scenario not found: \(path)"
        case .notExecutable(let path): "scenario is not executable (chmod +x, and a #! line for scripts): \(path)"
        case .spawnFailed(let path, let detail): "could not start scenario \(path): \(detail)"
        case .exitStatus(let code, let tail): "scenario exited with status \(code)" + (tail.isEmpty ? "" : "; stderr ends: \(tail)")
        case .killedBySignal(let signal): "scenario was killed by signal \(signal)"
        case .timeout(let seconds): "scenario did not finish within its deadline of \(JSONValue.format(seconds)) s; its process group was killed"
        case .outputTooLarge(let stream, let limit): "scenario wrote more than \(limit) bytes on \(stream); it was killed"
        case .notJSON(let detail): "scenario reply is not JSON: \(detail)"
        case .invalidReply(let error): "invalid scenario reply: \(error)"
        case .notAllowed(let error): "scenario reply not allowed now: \(error)"
        case .tooManyEvents(let limit): "the call reached the limit of \(limit) scenario events"
        case .actionFailed(let action, let detail): "\(action) could not be carried out: \(detail)"
        }
    }

    /// As the `error` object of an event sent to a fallback scenario.
    public var json: JSONValue {
        var object: [String: JSONValue] = ["code": .string(code), "message": .string(description)]
        switch self {
        case .invalidReply(let e), .notAllowed(let e): object["field"] = .string(e.field)
        default: break
        }
        return .object(object)
    }
}
