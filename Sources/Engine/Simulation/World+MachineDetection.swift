import CallgateCore

/// The simulated far end for answering-machine detection and `wait_for_silence`. A person
/// (`SimulatedCaller.answeredBy`, `human` by default) says "hello?" (0.6 s, after 0.4 s) and
/// waits; a machine plays a greeting from 0.3 s to 7.5 s, then a beep to 8 s, then listens.
extension World {
    static let humanHello = (starts: 0.4, seconds: 0.6)
    static let machineGreeting = (starts: 0.3, beepEnds: 8.0)

    mutating func analyseAudio(_ analysis: AudioAnalysis?, at: Double) -> [String] {
        timeline.remove { if case .call(.audioAnalysed) = $0.input { true } else { false } }
        if farEndSince == nil { farEndSince = at }
        let since = farEndSince ?? at
        switch analysis {
        case nil:
            return []
        case .detectMachine(let settings):
            let result = Self.detection(caller.answeredBy, settings: settings)
            timeline.add(.audioAnalysed(.machine(result)), at: at + result.total,
                         note: "machine detection hears a \(caller.answeredBy == .machine ? "machine's greeting" : "person's \"hello?\"")")
            return [caller.answeredBy == .machine ? "the far end plays a long greeting" : "the far end says \"hello?\" and waits"]
        case .waitForSilence(let seconds, _):
            let quietFrom = caller.answeredBy == .machine ? max(at, since + Self.machineGreeting.beepEnds) : at
            timeline.add(.audioAnalysed(.silence(seconds: quietFrom + seconds - at)), at: quietFrom + seconds,
                         note: "the far end has been silent for \(format(seconds)) s")
            return caller.answeredBy == .machine && quietFrom > at ? ["the greeting goes on; the beep ends at \(format(since + Self.machineGreeting.beepEnds)) s"] : []
        }
    }

    /// What the detector would say of the simulated far end with these settings.
    static func detection(_ farEnd: MachineVerdict, settings: MachineDetectionSettings) -> MachineDetectionResult {
        switch farEnd {
        case .human where humanHello.seconds < settings.greeting:
            let decided = humanHello.starts + humanHello.seconds + settings.afterGreetingSilence
            if decided < settings.totalAnalysis {
                return MachineDetectionResult(verdict: .human, cause: "human_after_greeting", initialSilence: humanHello.starts,
                                              greeting: humanHello.seconds, words: 1, total: decided)
            }
        case .machine, .human:
            let decided = machineGreeting.starts + settings.greeting
            if decided < settings.totalAnalysis {
                return MachineDetectionResult(verdict: .machine, cause: "long_greeting", initialSilence: machineGreeting.starts,
                                              greeting: settings.greeting, words: min(settings.maximumWords, 3), total: decided)
            }
        case .notSure:
            break
        }
        return MachineDetectionResult(verdict: .notSure, cause: "too_long", initialSilence: 0, greeting: 0, words: 0,
                                      total: settings.totalAnalysis)
    }
}
