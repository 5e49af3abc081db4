extension CallMachine {
    /// A scenario failed: keep the failure with the call and take the route's fallback.
    /// A failing fallback scenario, or a call stuck in a loop, ends with the error prompt.
    mutating func fail(_ failure: ScenarioFailure) {
        trail(.failure(failure, event: lastEvent, role: role))
        record.errors.append(RecordedFailure(at: now, event: lastEvent, role: role, code: failure.code, message: failure.description))
        pending = []
        if case .tooManyEvents = failure {
            playErrorPrompt()
            return
        }
        switch (configuration.fallback, role) {
        case (.scenario(let path), .primary):
            role = .fallback
            trail(.fallback(Fallback.scenario(path).description))
            send(lastEvent, result: lastResult, error: failure)
        case (.queue(let name), .primary) where !fallbackQueueTried:
            fallbackQueueTried = true
            trail(.fallback(Fallback.queue(name).description))
            let enqueue = Enqueue(queue: name)
            prepare(for: enqueue.requirement, origin: nil)
            trail(.action(.enqueue(enqueue), index: nil))
            take(enqueue.start(asFallback: true, in: &self))
        default:
            playErrorPrompt()
        }
    }

    /// The edge could not do what the current action asked. While the error prompt itself fails
    /// there is nothing left to play: the call ends.
    mutating func actionFailed(_ failure: ScenarioFailure) {
        switch activity {
        case .errorPrompt:
            trail(.failure(failure, event: lastEvent, role: role))
            record.errors.append(RecordedFailure(at: now, event: lastEvent, role: role, code: failure.code, message: failure.description))
            end(disposition: "failed", by: "engine", reason: "the error prompt could not be played")
        case .idle, .awaitingReply, .ended:
            break
        default:
            stopActivity(.failed)
            fail(failure)
        }
    }

    /// The last resort: the caller hears the error prompt, then the call ends. Never silence.
    mutating func playErrorPrompt() {
        trail(.fallback(Fallback.errorPrompt.description))
        prepare(for: .media(early: false), origin: nil)
        let play = Play(file: configuration.errorPrompt)
        trail(.action(.play(play), index: nil))
        activity = .errorPrompt
        effects.append(.startPrompt(.play(play)))
    }
}
