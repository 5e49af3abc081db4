/// `echo`: sends the caller's own audio straight back, the classic echo test an operator or a
/// customer runs to check a headset, a line or the latency of the path. The next action runs when
/// the terminator key is pressed or after `max_seconds`.
public struct Echo: ScenarioAction {
    public static let name = "echo"
    public var maxSeconds: Int
    /// The key that ends the echo; "" for none.
    public var terminator: String

    public init(maxSeconds: Int = 60, terminator: String = "#") {
        self.maxSeconds = maxSeconds
        self.terminator = terminator
    }

    public init(reading fields: inout FieldReader) throws(ReplyError) {
        maxSeconds = try fields.integer("max_seconds", in: 1...3600) ?? 60
        terminator = try fields.keys("terminator") ?? "#"
    }

    public var requirement: CallRequirement { .media(early: false) }
    public var summary: String {
        "echo the caller's audio for up to \(maxSeconds) s" + (terminator.isEmpty ? "" : " (\(terminator) ends it)")
    }

    enum CodingKeys: String, CodingKey { case maxSeconds = "max_seconds", terminator }
}

extension Echo: RunnableAction {
    func start(in call: inout CallMachine) -> ActionStep {
        let timer = call.nextTimer(.echo)
        call.effects.append(.startEcho)
        call.effects.append(.startTimer(timer, seconds: Double(maxSeconds)))
        return .wait(Echoing(echo: self, timer: timer))
    }
}

/// An echo while it runs, with its `max_seconds` timer.
struct Echoing: RunningAction {
    var echo: Echo
    var timer: CallTimer

    func dtmf(_ key: Character, in call: inout CallMachine) -> ActionStep {
        guard echo.terminator.contains(key) else { return .wait(self) }
        call.trail(.dtmf(key))
        call.effects.append(.cancelTimer(timer))
        call.effects.append(.stopEcho)
        return .next
    }

    func timerFired(_ timer: CallTimer, in call: inout CallMachine) -> ActionStep {
        guard timer == self.timer else { return .wait(self) }
        call.effects.append(.stopEcho)
        return .next
    }

    func stop(_ cause: StopCause, in call: inout CallMachine) -> AfterStop {
        call.effects.append(.cancelTimer(timer))
        call.effects.append(.stopEcho)
        return .nothing
    }
}

extension CallTimer.Kind {
    /// An echo's `max_seconds`.
    public static let echo = Self("echo")
}

extension Action {
    public static func echo(_ echo: Echo) -> Action { Action(echo) }
}
