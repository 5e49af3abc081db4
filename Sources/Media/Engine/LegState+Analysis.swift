extension LegState {
    /// Starts (or, with nil, stops) listening to the far end for a machine or for silence; a new
    /// request replaces the one running. The result comes once, as a `MediaEvent`, and ends it.
    /// - warning: Media thread only.
    func startAnalysis(_ request: FarEndAnalysisRequest?, now: MonotonicTime) {
        owner.assertCurrent("LegState.startAnalysis")
        analysis = request.map { FarEndAnalysis($0, now: now) }
    }

    /// Received audio, decoded: passed to the running analysis.
    func analyse(_ samples: [Int16], now: MonotonicTime) {
        guard var running = analysis else { return }
        let event = running.receive(samples, now: now)
        analysis = event == nil ? running : nil
        if let event { events.yield(event) }
    }

    /// A tick: the running analysis hears silence while the far end sends nothing.
    func analyseGap(now: MonotonicTime) {
        guard var running = analysis else { return }
        let event = running.tick(now: now)
        analysis = event == nil ? running : nil
        if let event { events.yield(event) }
    }
}
