extension LegState {
    /// One 20 ms tick: recording limits, one frame of our own audio, the RTP timeout.
    ///
    /// The playout moves on with the clock whether or not anyone hears it (no remote yet, on hold),
    /// so a script waiting for `.playbackFinished` is never stuck behind a silent leg.
    /// - warning: Media thread only.
    func tick(now: MonotonicTime) {
        owner.assertCurrent("LegState.tick")
        if let reason = recording?.check(now: now) { finishRecording(reason: reason) }
        if analysis != nil { analyseGap(now: now) }
        if let (bridgeRecording, channel) = bridgeRecording, channel == 0 {
            do {
                try bridgeRecording.tick()
            } catch {
                logger.error("bridge recording write failed", metadata: ["error": "\(error)"])
                stopBridgeRecording()
            }
        }

        if let frame = playout.nextFrame() {
            if let samples = frame.samples, canSend {
                send(sender.packet(payloadType: codec.payloadType, payload: encoder.encode(samples),
                                   samples: Playout.frameSize * codec.clockPer8kSample))
            } else {
                sender.skip(samples: Playout.frameSize * codec.clockPer8kSample)
            }
            for tag in frame.finished {
                switch tag {
                case .clip(let id): events.yield(.playbackFinished(id))
                case .beep: recording?.start(now: now)
                case .music: break
                }
            }
        } else if peer == nil, seat == nil {
            // Bridged, the relayed packets carry the stream's timing; in a room, the mix does; alone, the clock.
            sender.skip(samples: Playout.frameSize * codec.clockPer8kSample)
        }

        if canSend, timeout.expired(now: now) {
            logger.notice("no RTP from the remote", metadata: ["remote": "\(remote.map { "\($0)" } ?? "-")",
                                                               "timeout": "\(timeout.timeout)"])
            events.yield(.rtpTimeout)
        }
    }
}
