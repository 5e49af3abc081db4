/// One call as a pure state machine: it takes what happened (`CallInput`) and returns what to do
/// (`CallEffect`s). It owns the action list, the vars, the events to the scenario and the fallback
/// rules, and passes each input on to the running action, whose file holds what it does with it
/// (`RunningAction`); SIP, media, timers and scenario processes stay with its driver.
///
/// - warning: Not thread-safe by itself; one driver owns it and feeds inputs one at a time.
public struct CallMachine: Sendable {
    public internal(set) var info: CallInfo
    public internal(set) var vars: [String: JSONValue]
    public internal(set) var record: CallRecord
    public internal(set) var role: ScenarioRole = .primary
    let configuration: CallConfiguration

    var activity: Activity = .idle
    /// Actions of the current reply still to run, with their index in the reply.
    var pending: ArraySlice<(index: Int, action: Action)> = []
    var lastEvent: EventName = .callStart
    var lastResult: [String: JSONValue] = [:]
    /// The fallback queue is tried once: if it fails too, the error prompt is the last resort.
    var fallbackQueueTried = false
    /// `record_pause` (or the API) holds: the keys the caller types stay out of the trail (a card
    /// number must be in no file), while the scenario still gets them (TrailEntry+Redaction).
    var recordingPaused = false
    var timerGeneration = 0
    var now: Double = 0
    var effects: [CallEffect] = []

    /// What the call is waiting for.
    enum Activity: Sendable {
        case idle
        case awaitingReply(EventName)
        /// An action of the list runs, in the state it keeps, and handles the inputs that concern it.
        case running(any RunningAction)
        case errorPrompt
        /// The call is ending (the caller hung up, or someone ended it) while recording; the edge is
        /// closing the file, and the call ends as `end` says once it is saved.
        case savingRecordingAfterHangup(EndRequest)
        case ended
    }

    /// How a call that waits for its recording to be saved will end.
    struct EndRequest: Sendable {
        var disposition: String
        var by: String
        var reason: String
    }

    public init(call: CallInfo, vars: [String: JSONValue] = [:], configuration: CallConfiguration = .init()) {
        info = call
        self.vars = vars
        self.configuration = configuration
        record = CallRecord(call: call)
    }

    public var isEnded: Bool { if case .ended = activity { true } else { false } }

    /// Whether the call has ended or is ending (waiting for its recording to be saved).
    public var isEnding: Bool {
        switch activity {
        case .ended, .savingRecordingAfterHangup: true
        default: false
        }
    }

    /// Ends the call as `request` says; a recording under way is saved first, so `call.end` can name it.
    mutating func endAfterSaving(_ request: EndRequest) {
        if case .recordingToSave = stopActivity(.hangup) {
            // Wait for the edge to close the file (the action asked it to), then end.
            activity = .savingRecordingAfterHangup(request)
            return
        }
        end(disposition: request.disposition, by: request.by, reason: request.reason)
    }

    /// Feeds one input at `time` seconds since the call started; returns the effects in order.
    public mutating func handle(_ input: CallInput, at time: Double) -> [CallEffect] {
        now = max(now, time)
        effects = []
        if isEnded { return [] }
        switch input {
        case .start:
            if info.direction == .outbound && !info.state.isAnswered {
                trail(.note("dialing", ["to": .string(info.to)]))
                break
            }
            startCall()
        case .calleeAnswered:
            calleeAnswered()
        case .dialFailed(let disposition, let status, let reason):
            dialFailed(disposition: disposition, status: status, reason: reason)
        case .scenarioFinished(let result):
            scenarioFinished(result)
        case .promptFinished:
            if case .errorPrompt = activity {
                end(disposition: "failed", by: "engine", reason: "scenario error")
                break
            }
            dispatch { action, call in action.promptFinished(in: &call) }
        case .dtmf(let key):
            dispatch { action, call in action.dtmf(key, in: &call) }
        case .timerFired(let timer):
            dispatch { action, call in action.timerFired(timer, in: &call) }
        case .recordingFinished(let file, let seconds, let reason):
            let seconds = Self.rounded(seconds)
            if case .savingRecordingAfterHangup(let request) = activity {
                // A voicemail the caller ended by hanging up is kept: call.end names it.
                record.recordings.append(file)
                end(disposition: request.disposition, by: request.by, reason: request.reason,
                    extra: ["recording": ["file": .string(file), "duration": .number(seconds)]])
                break
            }
            dispatch { action, call in action.recordingFinished(file: file, seconds: seconds, reason: reason, in: &call) }
        case .transferEnded(let reason, let details):
            dispatch { action, call in action.transferEnded(reason: reason, details: details, in: &call) }
        case .queueLeft(let reason, let details):
            dispatch { action, call in action.queueLeft(reason: reason, details: details, in: &call) }
        case .conferenceLeft(let reason, let details):
            dispatch { action, call in action.conferenceLeft(reason: reason, details: details, in: &call) }
        case .transferredByOperator(let by, let to, let outcome):
            trail(.transfer(by: by, to: to, outcome: outcome))
            if outcome == "completed" || outcome == "attended" {
                vars["transferred_by"] = .string(by)
                vars["transferred_to"] = .string(to)
            }
            if outcome == "attended" { vars["transfer_type"] = .string("attended") }
        case .audioAnalysed(let result):
            dispatch { action, call in action.audioAnalysed(result, in: &call) }
        case .callerHungUp:
            // On a call the engine placed, the party on the line is the callee.
            let party = info.direction == .outbound ? "callee" : "caller"
            endAfterSaving(EndRequest(disposition: "\(party)_hangup", by: party, reason: "\(party) hung up"))
        case .hangupRequested(let by):
            // Asked twice (two API clients at once): the first one already ends the call.
            if case .savingRecordingAfterHangup = activity { break }
            endAfterSaving(EndRequest(disposition: "\(by)_hangup", by: by, reason: "hung up over the \(by == "api" ? "API" : by)"))
        case .recordingPaused(let paused, let by):
            recordingPaused = paused
            trail(.recordingPaused(paused, by: by))
            effects.append(.setRecordingPaused(paused))
        case .actionFailed(let failure):
            actionFailed(failure)
        case .mediaTimeout:
            stopActivity(.hangup)
            end(disposition: "rtp_timeout", by: "engine", reason: "no media from the caller")
        case .note(let kind, let details):
            trail(.note(kind, details))
        case .engineShutdown:
            stopActivity(.hangup)
            end(disposition: "shutdown", by: "engine", reason: "engine shutting down", rejectCode: 503)
        }
        return effects
    }

    // MARK: - Events to the scenario

    /// Sends an event to the current scenario and waits for its reply.
    mutating func send(_ event: EventName, result: [String: JSONValue] = [:], error: ScenarioFailure? = nil) {
        lastEvent = event
        lastResult = result
        guard record.eventsSent < configuration.maxEvents else {
            fail(.tooManyEvents(limit: configuration.maxEvents))
            return
        }
        record.eventsSent += 1
        let scenarioEvent = ScenarioEvent(event: event, call: info, vars: vars, result: result, error: error?.json)
        trail(.event(scenarioEvent, role: role))
        activity = .awaitingReply(event)
        effects.append(.runScenario(scenarioEvent, role: role))
    }

    mutating func scenarioFinished(_ result: Result<Reply, ScenarioFailure>) {
        guard case .awaitingReply = activity else { return }
        activity = .idle
        switch result {
        case .failure(let failure):
            fail(failure)
        case .success(let reply):
            trail(.reply(reply.actions, role: role))
            do {
                try reply.check(startingAnswered: info.state.isAnswered)
                try checkVarsSize(after: reply)
            } catch {
                fail(.notAllowed(error))
                return
            }
            pending = ArraySlice(reply.actions.enumerated().map { (index: $0.offset, action: $0.element) })
            runNext()
        }
    }

    func checkVarsSize(after reply: Reply) throws(ReplyError) {
        var merged = vars
        for (i, action) in reply.actions.enumerated() {
            guard let set = action.as(SetVars.self) else { continue }
            Self.merge(set.vars, into: &merged)
            let size = JSONValue.object(merged).encoded().count
            if size > configuration.maxVarsBytes {
                throw ReplyError(field: "actions[\(i)].vars", problem: "would make the call's vars \(size) bytes; at most \(configuration.maxVarsBytes) allowed")
            }
        }
    }

    static func merge(_ new: [String: JSONValue], into vars: inout [String: JSONValue]) {
        for (name, value) in new {
            if value == .null { vars[name] = nil } else { vars[name] = value }
        }
    }

    mutating func trail(_ step: TrailEntry.Step) {
        effects.append(.trail(TrailEntry(at: now, step: recordingPaused ? step.keysRedacted : step)))
    }

    /// Seconds to the millisecond, as events and records carry them.
    static func rounded(_ seconds: Double) -> Double { (seconds * 1000).rounded() / 1000 }

    mutating func nextTimer(_ kind: CallTimer.Kind) -> CallTimer {
        timerGeneration += 1
        return CallTimer(kind: kind, generation: timerGeneration)
    }
}
