import CallgateCore

/// The simulated side of the call: carries out the machine's effects in simulated time and
/// schedules what the caller, the agents and the media do in reply.
struct World {
    var caller: SimulatedCaller
    let call: CallInfo
    var timeline = Timeline()
    var now: Double = 0
    var dtmfGroups: [String]
    var gatherCount = 0
    var recordCount = 0
    var promptEnd: Double?
    var recordStartedAt: Double = 0
    /// Keys to type for the gather that just started, once the effects of this step are known.
    var keysToType: String?
    /// The real ACD with the simulated agents (`World+Queue.swift`).
    var queue: QueueMachine
    /// Without a configuration: the queues the call's enqueues named so far, each with the default settings.
    var defaultQueues: [String] = []
    /// The queue the caller is in, from the enqueue until the queue or the call machine lets go.
    var queueName: String?
    /// When each ringing agent's phone started ringing.
    var ringingSince: [String: Double] = [:]
    /// The caller's planned way out of a conference room (`World+Conference.swift`).
    var conferenceExit: (input: CallInput, at: Double)?
    /// When the far end's audio began to be listened to (`World+MachineDetection.swift`).
    var farEndSince: Double?

    init(caller: SimulatedCaller, call: CallInfo) {
        self.caller = caller
        self.call = call
        dtmfGroups = caller.dtmf
        queue = Self.queueMachine(for: caller, queues: caller.queues ?? [],
                                  agents: caller.agentProfiles ?? Self.simulatedAgents(caller.agentCount, queues: []), at: 0)
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
            timeline.remove { $0.input == .call(.promptFinished) }
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
            timeline.remove { $0.input == .call(.timerFired(timer)) }
            return []
        case .startRecording(let record):
            recordCount += 1
            recordStartedAt = at
            let seconds = min(caller.recordSeconds, Double(record.maxSeconds) + 1)
            timeline.add(.recordingFinished(file: recordingFile, seconds: seconds, reason: "silence"), at: at + seconds,
                         note: "caller stops speaking after \(format(seconds)) s (silence)")
            return [record.beep ? "beep; recording" : "recording"]
        case .stopRecording(let reason):
            timeline.remove { if case .call(.recordingFinished) = $0.input { true } else { false } }
            timeline.add(.recordingFinished(file: recordingFile, seconds: at - recordStartedAt, reason: reason), at: at)
            return ["recording stopped (\(reason))"]
        case .setRecordingPaused(let paused):
            return [paused ? "recording paused: silence goes into the file until it resumes" : "recording resumed"]
        case .startEcho:
            return ["echoing the caller's audio back"]
        case .stopEcho:
            return ["echo stopped"]
        case .transfer(let transfer):
            return transferOutcome(transfer, at: at)
        case .enqueue(let enqueue):
            return join(enqueue, at: at)
        case .leaveQueue(let reason):
            return leaveQueue(reason: reason, at: at)
        case .joinConference(let conference):
            return joinConference(conference, at: at)
        case .leaveConference(let reason):
            return leaveConference(reason: reason, at: at)
        case .analyseAudio(let analysis):
            return analyseAudio(analysis, at: at)
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

    func format(_ seconds: Double) -> String { JSONValue.number(seconds).scalarText ?? "\(seconds)" }
}
