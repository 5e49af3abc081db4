/// Listening to what the far end sends: answering-machine detection and waiting for silence.
extension MediaLeg {
    /// Runs answering-machine detection on the audio received from now on (a stretch without
    /// packets counts as silence); `.machineDetected` follows once, with the verdict. Replaces a
    /// wait for silence under way.
    public func detectMachine(_ parameters: MachineDetector.Parameters) {
        engine.post(.analyse(id, .detectMachine(parameters)))
    }

    /// Waits for `milliseconds` of continuous silence from the far end; `.silenceHeard` follows
    /// once. Replaces a detection under way.
    public func waitForSilence(milliseconds: Int, silenceThreshold: Int = 256) {
        engine.post(.analyse(id, .waitForSilence(milliseconds: milliseconds, silenceThreshold: silenceThreshold)))
    }

    /// Stops the detection or the wait under way, with no event.
    public func stopAnalysis() {
        engine.post(.analyse(id, nil))
    }
}
