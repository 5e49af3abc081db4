import CallgateCore

/// The queue side of the simulated world: the real `QueueMachine`, fed and obeyed as the queue
/// driver does in `serve`, with simulated agents whose phones answer, are busy or ring out as
/// `--agent` says. Offers and ACD timers become timeline entries; `callerDone` reaches the call as
/// `queueLeft`, with the machine's own details.
extension World {
    /// The queue machine with these queues and agents; every agent is logged in to its queues and
    /// its phone registered, unless `queueResult` asks for a queue without agents (or a full one).
    static func queueMachine(for caller: SimulatedCaller, queues: [QueueSettings], agents: [AgentProfile],
                             at time: Double) -> QueueMachine {
        var settings = queues
        if caller.queueResult == "full" {
            // Only a queue with a length limit can be full: without one, one waiting caller fills it.
            for index in settings.indices where settings[index].maxLength == 0 { settings[index].maxLength = 1 }
        }
        var machine = QueueMachine(queues: settings, agents: agents, random: SeededRandom(seed: 0x5EED), at: time)
        for agent in agents where !agent.queues.isEmpty {
            _ = machine.handle(.agentLogin(agent.extension, queues: nil), at: time)
            // Full: the agents are busy elsewhere, so the callers already in line stay there.
            if caller.queueResult == "full" { _ = machine.handle(.agentPause(agent.extension, reason: "busy elsewhere"), at: time) }
            // No agents: no agent's phone is registered, so nobody staffs the queue.
            if caller.queueResult != "no_agents" { _ = machine.handle(.agentRegistered(agent.extension), at: time) }
        }
        return machine
    }

    /// Without configured agents: agents 1001, 1002, … serving every queue named so far.
    static func simulatedAgents(_ count: Int, queues: [String]) -> [AgentProfile] {
        (1...max(1, count)).map { AgentProfile(extension: String(1000 + $0), name: "Agent \(1000 + $0)", queues: queues) }
    }

    /// How the agents' phones take an offer: `--agent`, unless `--queue-result` needs otherwise.
    var queueAgent: SimulatedCaller.Agent {
        switch caller.queueResult {
        case "agent_hangup": .answer
        case "timeout", "key", "callback": caller.agent == .answer ? .noAnswer : caller.agent  // nobody takes the caller first
        default: caller.agent
        }
    }

    /// The call's `enqueue`: the machine places the caller in line, or refuses it at the door.
    mutating func join(_ enqueue: Enqueue, at: Double) -> [String] {
        if queue.settings(of: enqueue.queue) == nil {
            guard caller.queues == nil else {
                // As in `serve`: an enqueue into a queue that is not configured fails the action.
                timeline.add(.actionFailed(.actionFailed(action: "enqueue", detail: "there is no queue named \(enqueue.queue)")), at: at)
                return ["there is no queue \(enqueue.queue) in the configuration"]
            }
            // A new queue name: a new machine with one more default queue (agents start afresh: a
            // wrap-up in another queue is forgotten).
            defaultQueues.append(enqueue.queue)
            queue = Self.queueMachine(for: caller, queues: defaultQueues.map { QueueSettings(name: $0) },
                                      agents: Self.simulatedAgents(caller.agentCount, queues: defaultQueues), at: at)
        }
        guard let settings = queue.settings(of: enqueue.queue) else { return [] }
        var notes = caller.queueResult == "full" ? fillLine(enqueue.queue, at: at) : []
        queueName = enqueue.queue
        let ticket = CallerTicket(callID: call.id, enqueue: enqueue, callerNumber: call.from)
        let effects = apply(queue.handle(.callerJoined(ticket), at: at), at: at)
        guard queueName != nil else { return notes + effects }  // refused at the door
        notes.append("caller waits in queue \(enqueue.queue) with music on hold (\(settings.musicOnHold))")
        if caller.queueResult == "key" {
            if let key = enqueue.exitKey?.first {
                timeline.add(.dtmf(key), at: at + 5, note: "caller presses \(key) to leave the queue")
            } else {
                notes.append("the enqueue has no exit_key: the caller cannot leave the queue by key")
            }
        }
        if caller.queueResult == "callback" {
            if let key = enqueue.callback?.key.first {
                timeline.add(.dtmf(key), at: at + 5, note: "caller presses \(key) to be called back")
            } else {
                notes.append("the enqueue has no callback key: the caller cannot ask to be called back")
            }
        }
        return notes + effects
    }

    /// For `--queue-result full`: other callers already fill the line up to its `max_length`.
    /// They wait for ever (their timers are not kept), and no agent is free to take them.
    mutating func fillLine(_ name: String, at: Double) -> [String] {
        guard let limit = queue.settings(of: name)?.maxLength else { return [] }
        func waiting() -> Int { queue.snapshot(at: at).queues.first { $0.name == name }?.waiting.count ?? 0 }
        let missing = limit - waiting()
        guard missing > 0 else { return [] }
        for index in 1...missing {
            let ticket = CallerTicket(callID: "\(call.id)-other-\(index)", queue: name, maxWaitSeconds: 0, callerNumber: "")
            _ = queue.handle(.callerJoined(ticket), at: at)
        }
        return ["\(waiting()) other caller(s) already wait in queue \(name) (max_length \(limit)); its agents are busy elsewhere"]
    }

    /// The call machine took the caller out (the exit key, a hangup, a failure): the queue machine
    /// hears it as the queue driver tells it. Its `callerDone` is not passed on: the call machine
    /// has sent `queue.done` itself, or the call is over.
    mutating func leaveQueue(reason: String, at: Double) -> [String] {
        guard queueName != nil else { return [] }
        queueName = nil
        let agentHangsUp = Timeline.Input.queue(.conversationEnded(callID: call.id, by: .agent))
        timeline.remove { $0.input == agentHangsUp }
        if reason == "callback" {
            // The place is kept, but this simulation follows one call: the callback is the engine's business.
            _ = queue.handle(.callbackRequested(callID: call.id), at: at)
            return ["caller asks for a callback; the queue keeps the place"]
        }
        let effects = queue.handle(.callerLeft(callID: call.id, reason: reason == "key" ? .exitKey : .abandon), at: at)
        return ["caller leaves the queue (\(reason))"] + apply(effects, at: at)
    }

    /// An agent's phone or an ACD timer came due.
    mutating func handleQueue(_ input: ACDInput, at: Double) -> [String] {
        apply(queue.handle(input, at: at), at: at)
    }

    /// Carries out the queue machine's effects, as the queue driver does.
    mutating func apply(_ effects: [ACDEffect], at: Double) -> [String] {
        var notes: [String] = []
        for effect in effects {
            switch effect {
            case .offer(let callID, let agent):
                ringingSince[agent] = at
                notes.append("agent \(agent) rings")
                switch queueAgent {
                case .answer:
                    timeline.add(queue: .offerAnswered(callID: callID, agent: agent), at: at + caller.agentAnswersAfter)
                case .busy:
                    timeline.add(queue: .offerFailed(callID: callID, agent: agent, reason: .busy), at: at + 1,
                                 note: "agent \(agent) is busy (486)")
                case .noAnswer:
                    break  // it rings until the queue's ring timeout withdraws the offer
                }
            case .cancelOffer(let callID, let agent):
                timeline.remove {
                    $0.input == .queue(.offerAnswered(callID: callID, agent: agent))
                        || $0.input == .queue(.offerFailed(callID: callID, agent: agent, reason: .busy))
                }
                if ringingSince.removeValue(forKey: agent) != nil { notes.append("agent \(agent) stops ringing") }
            case .connected(let callID, let agent):
                let rang = at - (ringingSince.removeValue(forKey: agent) ?? at)
                notes.append("agent \(agent) answers after \(format(rang)) s; bridged")
                timeline.add(queue: .conversationEnded(callID: callID, by: .agent), at: at + caller.talkSeconds,
                             note: "agent \(agent) hangs up after \(format(caller.talkSeconds)) s of talk")
            case .callerDone(let callID, let reason, let details):
                guard callID == call.id, let name = queueName else { break }
                queueName = nil
                timeline.remove { if case .call(.dtmf) = $0.input, $0.gather == nil { true } else { false } }  // an exit key not pressed yet
                switch reason {
                case .timeout: notes.append("queue \(name): timeout after \(details["wait_seconds"]?.scalarText ?? "?") s")
                case .full, .noAgents: notes.append("queue \(name) refuses the caller: \(reason.rawValue)")
                case .agentHangup, .key: break
                }
                timeline.add(.queueLeft(reason: reason.rawValue, details: details), at: at)
            case .announce(let callID, let position, let wait):
                guard callID == call.id else { break }
                notes.append("announcement: " + QueueDriver<ContinuousClock>.announcement(position: position, wait: wait))
            case .startTimer(let timer, let seconds):
                let ringTimeout = if case .ringTimeout = timer.kind { true } else { false }
                timeline.add(queue: .timerFired(timer), at: at + seconds,
                             note: ringTimeout ? "no answer within \(format(seconds)) s (ring timeout)" : nil)
            case .cancelTimer(let timer):
                timeline.remove { $0.input == .queue(.timerFired(timer)) }
            case .agentStatus(let agent, .paused(let reason), _):
                notes.append("agent \(agent) is paused (\(reason))")
            case .refused(let error):
                notes.append("the queue refused: \(error)")
            case .agentStatus, .log, .dialCallback, .hangUpCallback:
                break
            }
        }
        return notes
    }
}
