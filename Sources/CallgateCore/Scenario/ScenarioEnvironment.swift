/// The CGI-style environment of a scenario process: nothing of the engine's own environment leaks in
/// except `PATH`, `HOME` and `LANG`.
public enum ScenarioEnvironment {
    public static let passedThrough = ["PATH", "HOME", "LANG"]
    public static let defaultPath = "/usr/local/bin:/usr/bin:/bin"
    /// Longer values stay in the stdin JSON only: the kernel refuses environment strings over 128 KiB.
    public static let maxValueBytes = 4096

    /// Builds the environment for one event. Scalar vars and result fields are also given as
    /// `CALLGATE_VAR_<NAME>` and `CALLGATE_RESULT_<NAME>`, so a shell script needs no JSON parser
    /// (values over 4 KiB, `CALLGATE_FROM` and `CALLGATE_TO` included, are left out of the environment).
    public static func make(for event: ScenarioEvent, engine: [String: String]) -> [String: String] {
        var env: [String: String] = [
            "CALLGATE_EVENT": event.event.rawValue,
            "CALLGATE_CALL_ID": event.call.id,
            "CALLGATE_DIRECTION": event.call.direction.rawValue,
            "CALLGATE_STATE": event.call.state.rawValue,
        ]
        // From and To are the caller's to choose: the same limit as vars (the JSON keeps them whole).
        if event.call.from.utf8.count <= maxValueBytes { env["CALLGATE_FROM"] = event.call.from }
        if event.call.to.utf8.count <= maxValueBytes { env["CALLGATE_TO"] = event.call.to }
        for key in passedThrough {
            if let value = engine[key] { env[key] = value }
        }
        if env["PATH"] == nil { env["PATH"] = defaultPath }
        for (name, value) in event.vars {
            if let text = value.scalarText, text.utf8.count <= maxValueBytes { env["CALLGATE_VAR_\(envName(name))"] = text }
        }
        for (name, value) in event.result {
            if let text = value.scalarText, text.utf8.count <= maxValueBytes { env["CALLGATE_RESULT_\(envName(name))"] = text }
        }
        if let error = event.error, case .object(let fields) = error, case .string(let code)? = fields["code"] {
            env["CALLGATE_ERROR"] = code
        }
        return env.mapValues { $0.replacingOccurrences(of: "\0", with: "") }
    }

    /// The environment of a persistent scenario's long-lived process: the same clean base as a
    /// normal run, no per-event variables (the events come on stdin), and `CALLGATE_MODE=persistent`.
    public static func persistent(engine: [String: String]) -> [String: String] {
        var env = ["CALLGATE_MODE": "persistent"]
        for key in passedThrough {
            if let value = engine[key] { env[key] = value }
        }
        if env["PATH"] == nil { env["PATH"] = defaultPath }
        return env.mapValues { $0.replacingOccurrences(of: "\0", with: "") }
    }

    /// `customer-id` → `CUSTOMER_ID`.
    static func envName(_ name: String) -> String {
        String(name.uppercased().map { ($0.isASCII && ($0.isLetter || $0.isNumber)) ? $0 : "_" })
    }
}
