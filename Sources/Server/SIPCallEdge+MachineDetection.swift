import CallgateCore
import Media

/// Listening to the far end for the call machine: answering-machine detection (`detect_machine`,
/// or an outbound call's own before `call.start`) and `wait_for_silence`, run by the media thread
/// on the audio the leg receives; the verdict comes back as a media event.
extension SIPCallEdge {
    func analyseAudio(_ analysis: AudioAnalysis?) {
        switch analysis {
        case nil:
            media.stopAnalysis()
        case .detectMachine(let settings):
            media.detectMachine(Self.parameters(settings))
        case .waitForSilence(let seconds, let threshold):
            media.waitForSilence(milliseconds: Self.milliseconds(seconds), silenceThreshold: threshold)
        }
    }

    func machineDetected(_ outcome: MachineDetector.Outcome) {
        let result = Self.result(outcome)
        logger.info("answering-machine detection: \(result.verdict.rawValue) (\(result.cause))",
                    metadata: ["words": "\(result.words)", "greeting": "\(result.greeting)", "total": "\(result.total)"])
        report(.audioAnalysed(.machine(result)))
    }

    func silenceHeard(milliseconds: Int) {
        report(.audioAnalysed(.silence(seconds: Double(milliseconds) / 1000)))
    }

    /// The media thread's parameters, in milliseconds, from the call's settings in seconds. Settings
    /// can come from a campaign or an API request: out-of-range values are clamped, never trapped on.
    static func parameters(_ settings: MachineDetectionSettings) -> MachineDetector.Parameters {
        var parameters = MachineDetector.Parameters()
        parameters.initialSilence = milliseconds(settings.initialSilence)
        parameters.greeting = milliseconds(settings.greeting)
        parameters.afterGreetingSilence = milliseconds(settings.afterGreetingSilence)
        parameters.totalAnalysis = milliseconds(settings.totalAnalysis)
        parameters.minimumWordLength = milliseconds(settings.minimumWordLength)
        parameters.betweenWordsSilence = milliseconds(settings.betweenWordsSilence)
        parameters.maximumWords = min(max(settings.maximumWords, 1), 1000)
        parameters.silenceThreshold = min(max(settings.silenceThreshold, 1), 32767)
        return parameters
    }

    /// Seconds to milliseconds, within 0…1 hour; NaN counts as 0.
    static func milliseconds(_ seconds: Double) -> Int {
        guard seconds.isFinite else { return 0 }
        return Int((min(max(seconds, 0), 3600) * 1000).rounded())
    }

    static func result(_ outcome: MachineDetector.Outcome) -> MachineDetectionResult {
        let verdict: MachineVerdict = switch outcome.verdict {
        case .human: .human
        case .machine: .machine
        case .notSure: .notSure
        }
        return MachineDetectionResult(verdict: verdict, cause: outcome.cause.rawValue, initialSilence: Double(outcome.initialSilence) / 1000,
                                      greeting: Double(outcome.greeting) / 1000, words: outcome.words, total: Double(outcome.total) / 1000)
    }
}
