extension CallMachine {
    /// Runs the pending actions in order until one has to wait; an empty list hangs up.
    mutating func runNext() {
        while let (index, action) = pending.popFirst() {
            prepare(for: action.spec.requirement, origin: action)
            trail(.action(action, index: index))
            let step = action.runnable.start(in: &self)
            if case .next = step { continue }
            take(step)
            return
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
        case .any where origin?.spec is Answer && !info.state.isAnswered:
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

    /// Passes an input to the running action, if any, and goes on as it says; other activities ignore it.
    mutating func dispatch(_ input: (any RunningAction, inout CallMachine) -> ActionStep) {
        guard case .running(let action) = activity else { return }
        take(input(action, &self))
    }

    /// Goes on as an action says after it started or handled an input.
    mutating func take(_ step: ActionStep) {
        switch step {
        case .wait(let action):
            activity = .running(action)
        case .next:
            activity = .idle
            runNext()
        case .send(let event, let result):
            send(event, result: result)
        case .end(let disposition, let by, let reason, let rejectCode, let rejectPhrase):
            end(disposition: disposition, by: by, reason: reason, rejectCode: rejectCode, rejectPhrase: rejectPhrase)
        case .errorPrompt:
            playErrorPrompt()
        }
    }

    /// Stops whatever the call is doing, for a hangup or a failure of the edge.
    @discardableResult
    mutating func stopActivity(_ cause: StopCause) -> AfterStop {
        switch activity {
        case .running(let action):
            return action.stop(cause, in: &self)
        case .errorPrompt:
            effects.append(.stopPrompt)
        case .idle, .awaitingReply, .savingRecordingAfterHangup, .ended:
            break
        }
        return .nothing
    }
}
