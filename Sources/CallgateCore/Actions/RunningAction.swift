/// A scenario action the call machine can start. Everything an action does on a call lives in its
/// own file: this conformance starts it, and the `RunningAction` it returns handles what happens
/// while it runs. `CallMachine` only dispatches.
protocol RunnableAction: ScenarioAction {
    /// Starts the action. The call is already in the state `requirement` asks for and the trail
    /// names the action; what follows is the action's own effects and how the call goes on.
    func start(in call: inout CallMachine) -> ActionStep
}

/// An action while it runs: the state it keeps (digits so far, its timer, why it stopped) and what
/// it does with each input the call machine passes on. Each method returns the next step; the
/// defaults ignore the input and keep waiting, so an action implements only what it listens to.
///
/// - warning: An action changes the call only through `call` and the step it returns; the machine
///   stores the step's value as the call's activity, so a running action never holds on to `call`.
protocol RunningAction: Sendable {
    /// The caller pressed a key.
    func dtmf(_ key: Character, in call: inout CallMachine) -> ActionStep
    /// A timer has expired; it may be another action's stale one, so compare before acting.
    func timerFired(_ timer: CallTimer, in call: inout CallMachine) -> ActionStep
    /// The prompt the action started has played to its end.
    func promptFinished(in call: inout CallMachine) -> ActionStep
    /// The recording the action started has stopped and is saved; `seconds` is already rounded.
    func recordingFinished(file: String, seconds: Double, reason: String, in call: inout CallMachine) -> ActionStep
    /// The transfer failed or its bridged call ended.
    func transferEnded(reason: String, details: [String: JSONValue], in call: inout CallMachine) -> ActionStep
    /// The caller left the queue.
    func queueLeft(reason: String, details: [String: JSONValue], in call: inout CallMachine) -> ActionStep
    /// The room let the caller go (kicked, or the room ended).
    func conferenceLeft(reason: String, details: [String: JSONValue], in call: inout CallMachine) -> ActionStep
    /// What the action asked the edge to listen for was heard (a machine verdict, silence).
    func audioAnalysed(_ result: AudioAnalysisResult, in call: inout CallMachine) -> ActionStep
    /// The call is ending, or the edge failed, under the action: undo what the edge is doing
    /// (prompts, timers, recordings, queues). The machine decides what comes next.
    func stop(_ cause: StopCause, in call: inout CallMachine) -> AfterStop
}

/// How the call goes on after an action started or handled an input.
enum ActionStep: Sendable {
    /// The action keeps running, in this state (often itself, unchanged).
    case wait(any RunningAction)
    /// The action is done; the next one of the list runs.
    case next
    /// The action is done and ends the list; the scenario hears its outcome as `event`.
    case send(EventName, result: [String: JSONValue])
    /// The action ends the call.
    case end(disposition: String, by: String, reason: String, rejectCode: Int? = nil, rejectPhrase: String? = nil)
    /// Nothing sensible is left: the caller hears the error prompt, then the call ends.
    case errorPrompt
}

/// Why a running action is stopped before it is done.
enum StopCause: Sendable {
    /// The call is ending: the caller hung up, media stopped, or the engine is shutting down.
    case hangup
    /// The edge could not carry the action out; the route's fallback takes over.
    case failed
}

/// What a stopped action leaves behind.
enum AfterStop: Sendable {
    case nothing
    /// A recording is being closed: when the caller hung up, the call ends once the file is saved,
    /// so `call.end` can name it.
    case recordingToSave
}

extension RunningAction {
    func dtmf(_ key: Character, in call: inout CallMachine) -> ActionStep { .wait(self) }
    func timerFired(_ timer: CallTimer, in call: inout CallMachine) -> ActionStep { .wait(self) }
    func promptFinished(in call: inout CallMachine) -> ActionStep { .wait(self) }
    func recordingFinished(file: String, seconds: Double, reason: String, in call: inout CallMachine) -> ActionStep { .wait(self) }
    func transferEnded(reason: String, details: [String: JSONValue], in call: inout CallMachine) -> ActionStep { .wait(self) }
    func queueLeft(reason: String, details: [String: JSONValue], in call: inout CallMachine) -> ActionStep { .wait(self) }
    func conferenceLeft(reason: String, details: [String: JSONValue], in call: inout CallMachine) -> ActionStep { .wait(self) }
    func audioAnalysed(_ result: AudioAnalysisResult, in call: inout CallMachine) -> ActionStep { .wait(self) }
    func stop(_ cause: StopCause, in call: inout CallMachine) -> AfterStop { .nothing }
}
