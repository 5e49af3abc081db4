extension CallMachine {
    /// Runs the pending actions in order until one has to wait; an empty list hangs up.
    mutating func runNext() {
        while let (index, action) = pending.popFirst() {
            prepare(for: action.spec.requirement, origin: action)
            trail(.action(action, index: index))
            switch action {
            case .answer:
                break
            case .set(let set):
                Self.merge(set.vars, into: &vars)
                record.vars = vars
            case .play(let play):
                activity = .prompting
                effects.append(.startPrompt(.play(play)))
                return
            case .say(let say):
                activity = .prompting
                effects.append(.startPrompt(.say(say)))
                return
            case .gather(let gather):
                startGather(gather)
                return
            case .record(let recordAction):
                let timer = nextTimer(.record)
                activity = .recording(recordAction, timer: timer, stopReason: nil)
                effects.append(.startRecording(recordAction))
                effects.append(.startTimer(timer, seconds: Double(recordAction.maxSeconds)))
                return
            case .echo(let echo):
                let timer = nextTimer(.echo)
                activity = .echoing(echo, timer: timer)
                effects.append(.startEcho)
                effects.append(.startTimer(timer, seconds: Double(echo.maxSeconds)))
                return
            case .transfer(let transfer):
                activity = .transferring(transfer)
                effects.append(.transfer(transfer))
                return
            case .enqueue(let enqueue):
                activity = .queued(enqueue, fallback: false)
                effects.append(.enqueue(enqueue))
                return
            case .hangup(let hangup):
                end(disposition: info.state.isAnswered ? "completed" : "rejected", by: "scenario", reason: hangup.reason)
                return
            case .reject(let reject):
                end(
                    disposition: "rejected", by: "scenario", reason: reject.reason ?? "rejected with \(reject.code)",
                    rejectCode: reject.code, rejectPhrase: reject.reason
                )
                return
            }
        }
        activity = .idle
        end(disposition: info.state.isAnswered ? "completed" : "rejected", by: "scenario", reason: "the actions ran out")
    }

    /// Brings the call into the state an action needs: an implicit answer, or early media.
    mutating func prepare(for requirement: CallRequirement, origin: Action?) {
        switch requirement {
        case .media(early: true) where info.state == .ringing:
            info.state = .early
            effects.append(.earlyMedia)
        case .media(early: false) where !info.state.isAnswered:
            answerNow(implicit: true)
        case .any where origin.map({ if case .answer = $0 { true } else { false } }) == true && !info.state.isAnswered:
            answerNow(implicit: false)
        default:
            break
        }
    }

    mutating func answerNow(implicit: Bool) {
        info.state = .answered
        record.answeredAt = now
        if implicit { trail(.action(.answer(Answer()), index: nil)) }
        effects.append(.answer)
    }

    mutating func startGather(_ gather: Gather) {
        var progress = GatherProgress(gather: gather, promptPlaying: gather.prompt != nil)
        effects.append(.collectDigits(gather))
        if let prompt = gather.prompt {
            effects.append(.startPrompt(prompt))
        } else {
            let timer = nextTimer(.gather)
            progress.timer = timer
            effects.append(.startTimer(timer, seconds: gather.timeout))
        }
        activity = .gathering(progress)
    }

    mutating func promptFinished() {
        switch activity {
        case .prompting:
            activity = .idle
            runNext()
        case .gathering(var progress) where progress.promptPlaying:
            progress.promptPlaying = false
            if progress.timer == nil {
                let timer = nextTimer(.gather)
                progress.timer = timer
                effects.append(.startTimer(timer, seconds: progress.gather.timeout))
            }
            activity = .gathering(progress)
        case .errorPrompt:
            end(disposition: "failed", by: "engine", reason: "scenario error")
        default:
            break
        }
    }

    mutating func dtmf(_ key: Character) {
        switch activity {
        case .gathering(var progress):
            trail(.dtmf(key))
            if progress.promptPlaying {
                progress.promptPlaying = false
                effects.append(.stopPrompt)
            }
            if let timer = progress.timer { effects.append(.cancelTimer(timer)) }
            if progress.gather.terminator.contains(key) {
                finishGather(progress, reason: "terminator")
                return
            }
            progress.digits.append(key)
            if progress.digits.count >= progress.gather.maxDigits {
                finishGather(progress, reason: "complete")
                return
            }
            let timer = nextTimer(.gather)
            progress.timer = timer
            effects.append(.startTimer(timer, seconds: progress.gather.interDigitTimeout))
            activity = .gathering(progress)
        case .recording(let recordAction, let timer, nil) where recordAction.terminator.contains(key):
            trail(.dtmf(key))
            activity = .recording(recordAction, timer: timer, stopReason: "terminator")
            effects.append(.cancelTimer(timer))
            effects.append(.stopRecording(reason: "terminator"))
        case .echoing(let echo, let timer) where echo.terminator.contains(key):
            trail(.dtmf(key))
            effects.append(.cancelTimer(timer))
            finishEcho()
        case .queued(let enqueue, _) where enqueue.exitKey.map({ $0.contains(key) }) == true:
            trail(.dtmf(key))
            effects.append(.leaveQueue(reason: "key"))
            queueLeft(reason: "key", details: ["key": .string(String(key))])
        default:
            break
        }
    }

    mutating func finishEcho() {
        effects.append(.stopEcho)
        activity = .idle
        runNext()
    }

    mutating func finishGather(_ progress: GatherProgress, reason: String) {
        send(.gatherDone, result: ["digits": .string(progress.digits), "reason": .string(reason)])
    }

    mutating func timerFired(_ timer: CallTimer) {
        switch activity {
        case .gathering(let progress) where progress.timer == timer:
            finishGather(progress, reason: "timeout")
        case .recording(let recordAction, let current, nil) where current == timer:
            activity = .recording(recordAction, timer: current, stopReason: "max_length")
            effects.append(.stopRecording(reason: "max_length"))
        case .echoing(_, let current) where current == timer:
            finishEcho()
        default:
            break
        }
    }

    mutating func queueLeft(reason: String, details: [String: JSONValue]) {
        guard case .queued(let enqueue, let isFallback) = activity else { return }
        let result = details.merging(["reason": .string(reason), "queue": .string(enqueue.queue)]) { _, new in new }
        if isFallback {
            if reason == "agent_hangup" {
                end(disposition: "completed", by: "engine", reason: "fallback queue ended")
            } else {
                playErrorPrompt()
            }
            return
        }
        send(.queueDone, result: result)
    }

    /// Stops whatever the call is doing, for a hangup.
    mutating func stopActivity(queueReason: String = "hangup") {
        switch activity {
        case .prompting, .errorPrompt:
            effects.append(.stopPrompt)
        case .gathering(let progress):
            if progress.promptPlaying { effects.append(.stopPrompt) }
            if let timer = progress.timer { effects.append(.cancelTimer(timer)) }
        case .recording(_, let timer, _):
            effects.append(.cancelTimer(timer))
            effects.append(.stopRecording(reason: "hangup"))
        case .echoing(_, let timer):
            effects.append(.cancelTimer(timer))
            effects.append(.stopEcho)
        case .queued:
            effects.append(.leaveQueue(reason: queueReason))
        case .idle, .awaitingReply, .transferring, .savingRecordingAfterHangup, .ended:
            break
        }
    }

    /// Ends the call: the SIP side, the record, and the `call.end` notification.
    /// `rejectPhrase` is the scenario's own SIP reason phrase; nil lets the edge use the code's standard one.
    mutating func end(disposition: String, by: String, reason: String, extra: [String: JSONValue] = [:], rejectCode: Int? = nil, rejectPhrase: String? = nil) {
        if by != "caller" {
            if info.state.isAnswered {
                effects.append(.hangup(reason: reason))
            } else {
                effects.append(.reject(code: rejectCode ?? 603, reason: rejectPhrase))
            }
        }
        let wasAnswered = info.state.isAnswered
        info.state = .ended
        activity = .ended
        pending = []
        record.endedAt = now
        record.disposition = disposition
        record.hangupBy = by
        record.hangupReason = reason
        record.vars = vars
        var result: [String: JSONValue] = [
            "disposition": .string(disposition), "hangup_by": .string(by), "reason": .string(reason),
            "answered": .bool(wasAnswered), "duration": .number(Self.rounded(now)),
        ]
        if let answeredAt = record.answeredAt { result["talk_seconds"] = .number(Self.rounded(now - answeredAt)) }
        result.merge(extra) { current, _ in current }
        let event = ScenarioEvent(event: .callEnd, call: info, vars: vars, result: result)
        trail(.event(event, role: role))
        effects.append(.notifyScenario(event, role: role))
        effects.append(.ended(record))
    }
}
