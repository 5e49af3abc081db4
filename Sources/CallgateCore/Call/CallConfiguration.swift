/// The route settings the call machine needs: what to do when a scenario fails, and its limits.
public struct CallConfiguration: Sendable, Hashable {
    /// Taken when the scenario fails (not found, crash, timeout, bad reply …).
    public var fallback: Fallback
    /// The sound played before hanging up when nothing else can handle a failure.
    public var errorPrompt: String
    /// Scenario events per call before the call is ended as stuck in a loop.
    public var maxEvents: Int
    /// Largest size of the call's `vars`, as JSON.
    public var maxVarsBytes: Int
    /// Answering-machine detection: on an outbound call, run after the answer and before
    /// `call.start` (whose `result.amd` carries the verdict); the defaults of `detect_machine`.
    public var machineDetection: MachineDetectionSettings?

    public init(fallback: Fallback = .errorPrompt, errorPrompt: String = "error.wav", maxEvents: Int = 200, maxVarsBytes: Int = 64 * 1024,
                machineDetection: MachineDetectionSettings? = nil) {
        self.machineDetection = machineDetection
        self.fallback = fallback
        self.errorPrompt = errorPrompt
        self.maxEvents = maxEvents
        self.maxVarsBytes = maxVarsBytes
    }
}

/// What a route does when its scenario fails.
public enum Fallback: Sendable, Hashable, CustomStringConvertible {
    /// Play the error prompt, then hang up.
    case errorPrompt
    /// Hand the call to another scenario; it gets the failed event with an `error` object, and every event after.
    case scenario(String)
    /// Put the caller in a queue so a person takes the call; hang up when it ends.
    case queue(String)

    public var description: String {
        switch self {
        case .errorPrompt: "error prompt, then hang up"
        case .scenario(let path): "fallback scenario \(path)"
        case .queue(let name): "fallback queue \(name)"
        }
    }
}
