import CallgateCore

/// The simulated side of the call: carries out the machine's effects in simulated time and
/// schedules what the caller, the agents and the media do in reply.
struct World {
    var caller: SimulatedCaller
    var timeline = Timeline()
    var now: Double = 0
    var dtmfGroups: [String]
    var gatherCount = 0
    var recordCount = 0
    var promptEnd: Double?
    var recordStartedAt: Double = 0
    /// Keys to type for the gather that just started, once the effects of this step are known.
    var keysToType: String?

    init(caller: SimulatedCaller) {
        self.caller = caller
        dtmfGroups = caller.dtmf
    }

    /// Carries out one effect; returns what to tell the user about it.
    mutating func apply(_ effect: CallEffect, at: Double) -> [String] {
        now = at
        switch effect {
        case .answer:
            return ["call answered (200 OK)"]
        case .earlyMedia:
            return ["early media (183 Session Progress)"]
        case .startPrompt(let prompt):
            let seconds = PromptTiming.seconds(of: prompt, soundsDirectory: caller.soundsDirectory)
            promptEnd = at + seconds
            timeline.add(.promptFinished, at: at + seconds)
            return []
        case .stopPrompt:
            timeline.remove { $0.input == .promptFinished }
            promptEnd = nil
            return ["prompt stopped"]
        case .collectDigits:
            gatherCount += 1
            timeline.remove { $0.gather != nil }
            promptEnd = nil
            if dtmfGroups.isEmpty {
                keysToType = ""
                return []
            }
            keysToType = dtmfGroups.removeFirst()
            return []
        case .startTimer(let timer, let seconds):
            timeline.add(.timerFired(timer), at: at + seconds, note: timer.kind == .gather ? nil : "\(timer.kind.rawValue) timer expires")
            return []
        case .cancelTimer(let timer):
            timeline.remove { $0.input == .timerFired(timer) }
            return []
        case .startRecording(let record):
            recordCount += 1
            recordStartedAt = at
            let seconds = min(caller.recordSeconds, Double(record.maxSeconds) + 1)
            timeline.add(.recordingFinished(file: recordingFile, seconds: seconds, reason: "silence"), at: at + seconds,
                         note: "caller stops speaking after \(format(seconds)) s (silence)")
            return [record.beep ? "beep; recording" : "recording"]
        case .stopRecording(let reason):
            timeline.remove { if case .recordingFinished = $0.input { true } else { false } }
            timeline.add(.recordingFinished(file: recordingFile, seconds: at - recordStartedAt, reason: reason), at: at)
            return ["recording stopped (\(reason))"]
        case .startEcho:
            return ["echoing the caller's audio back"]
        case .stopEcho:
            return ["echo stopped"]
        case .transfer(let transfer):
            return transferOutcome(transfer, at: at)
        case .enqueue(let enqueue):
            return queueOutcome(enqueue, at: at)
        case .leaveQueue:
            timeline.remove { if case .queueLeft = $0.input { true } else { false } }
            return ["caller leaves the queue"]
        case .hangup(let reason):
            return ["engine hangs up (BYE): \(reason)"]
        case .reject(let code, _):
            return ["engine rejects the call with \(code)"]
        case .trail, .runScenario, .notifyScenario, .ended:
            return []
        }
    }

    /// Types the keys chosen for a gather: one second after its prompt ends, half a second apart.
    /// A gather has ended: keys the caller had left to type for it are dropped.
    mutating func dropPendingKeys() {
        timeline.remove { $0.gather != nil }
    }

    mutating func typeKeysIfListening(at: Double) {
        guard let keys = keysToType else { return }
        keysToType = nil
        let start = (promptEnd ?? at) + 1
        for (i, key) in keys.enumerated() {
            timeline.add(.dtmf(key), at: start + Double(i) * 0.5, gather: gatherCount, note: "caller presses \(key)")
        }
    }

    var recordingFile: String { "recordings/sim-\(recordCount).wav" }


    mutating func transferOutcome(_ transfer: Transfer, at: Double) -> [String] {
        switch caller.agent {
        case .answer:
            let answerAt = at + 3
            timeline.add(.transferEnded(reason: "ended", details: ["talk_seconds": .number(caller.talkSeconds)]),
                         at: answerAt + caller.talkSeconds, note: "\(transfer.to) hangs up after \(format(caller.talkSeconds)) s of talk")
            return ["ringing \(transfer.to); it answers after 3 s and the call is bridged"]
        case .busy:
            timeline.add(.transferEnded(reason: "busy", details: [:]), at: at + 1, note: "\(transfer.to) is busy (486)")
            return ["ringing \(transfer.to)"]
        case .noAnswer:
            timeline.add(.transferEnded(reason: "no_answer", details: [:]), at: at + Double(transfer.timeout),
                         note: "\(transfer.to) did not answer within \(transfer.timeout) s")
            return ["ringing \(transfer.to)"]
        }
    }

    mutating func queueOutcome(_ enqueue: Enqueue, at: Double) -> [String] {
        let reason = caller.queueResult ?? (caller.agent == .answer ? "agent_hangup" : "timeout")
        let wait = Double(enqueue.timeout ?? 120)
        switch reason {
        case "agent_hangup":
            let details: [String: JSONValue] = ["agent": "1001", "wait_seconds": 5, "talk_seconds": .number(caller.talkSeconds)]
            timeline.add(.queueLeft(reason: "agent_hangup", details: details), at: at + 5 + caller.talkSeconds,
                         note: "agent 1001 hangs up after \(format(caller.talkSeconds)) s of talk")
            return ["caller waits in queue \(enqueue.queue) with music on hold; agent 1001 answers after 5 s"]
        case "key":
            if let key = enqueue.exitKey?.first {
                timeline.add(.dtmf(key), at: at + 5, note: "caller presses \(key) to leave the queue")
            } else {
                timeline.add(.queueLeft(reason: "key", details: [:]), at: at + 5, note: "caller leaves the queue by key (the enqueue has no exit_key)")
            }
            return ["caller waits in queue \(enqueue.queue) with music on hold"]
        case "full", "no_agents":
            timeline.add(.queueLeft(reason: reason, details: [:]), at: at, note: "queue \(enqueue.queue): \(reason)")
            return []
        default:
            timeline.add(.queueLeft(reason: "timeout", details: ["wait_seconds": .number(wait)]), at: at + wait,
                         note: "no agent took the call within \(format(wait)) s")
            return ["caller waits in queue \(enqueue.queue) with music on hold"]
        }
    }

    func format(_ seconds: Double) -> String { JSONValue.number(seconds).scalarText ?? "\(seconds)" }
}
