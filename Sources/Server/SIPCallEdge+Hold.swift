import CallgateCore
import Foundation
import Media

/// Hold and resume in a bridged call: when either party holds (a re-INVITE with `sendonly`,
/// `inactive` or `c=0.0.0.0`), the other hears music on hold (the queue's in a queue call, else
/// `music_on_hold`, else a soft chime); resume restores the bridge. Each change is a trail note,
/// with its offset into the call's recording when one runs.
extension SIPCallEdge {
    /// The party the caller is bridged to: the queue's agent or a transfer's target.
    var bridgedPeer: SofiaDialedLeg? { bridgedAgent ?? transferLeg }

    /// Hears of the bridged leg's hold and resume from now on.
    func observeHold(of leg: SofiaDialedLeg) {
        peerHolds = false
        // Weakly both: the leg keeps the observer, and must not keep itself (nor this edge) alive.
        leg.observeHold { [weak self, weak leg] held in
            guard let leg else { return }
            await self?.peerHoldChanged(held, on: leg)
        }
        if leg.isHeld { Task { await self.peerHoldChanged(true, on: leg) } }
    }

    /// The bridge is over: its hold state and music go with it.
    func forgetHold() {
        bridgedPeer?.observeHold(nil)
        transferLeg = nil
        peerHolds = false
        bridgeRecordingStarted = nil
    }

    /// The caller holds or resumes: the bridged party hears music meanwhile.
    func callerHoldChanged(_ held: Bool) async {
        guard held != callerHolds, !closed else { return }
        callerHolds = held
        note(held ? "hold" : "resume", by: "caller")
        guard let peer = bridgedPeer else { return }
        guard held else {
            peer.media.stopPlayback()
            return
        }
        let music = await holdMusic()
        if callerHolds, !closed, bridgedPeer === peer { peer.media.playMusic(music) }
    }

    /// The bridged party holds or resumes: the caller hears music meanwhile.
    func peerHoldChanged(_ held: Bool, on leg: SofiaDialedLeg) async {
        guard held != peerHolds, !closed, bridgedPeer === leg else { return }
        peerHolds = held
        note(held ? "hold" : "resume", by: bridgedAgent != nil ? "agent" : "transfer_target")
        guard held else {
            media.stopPlayback()
            return
        }
        let music = await holdMusic()
        if peerHolds, !closed, bridgedPeer === leg { media.playMusic(music) }
    }

    /// The queue's music when in one, else the configured `music_on_hold`, else the built-in chime.
    func holdMusic() async -> AudioClip {
        if let queueMusic { return queueMusic }
        if let file = services.config.musicOnHold {
            do {
                return try await services.prompts.clip(file: file)
            } catch {
                logger.warning("music_on_hold \(file) cannot be played: \(error); the held party hears the built-in chime")
            }
        }
        return .holdChime
    }

    /// A trail line: who held or resumed, and where that is in the bridge's recording.
    func note(_ kind: String, by party: String) {
        var details: [String: JSONValue] = ["by": .string(party)]
        if let started = bridgeRecordingStarted, let path = queueRecording {
            let elapsed = started.duration(to: .now)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            details["recording"] = .string(path.hasPrefix(services.dataDirectory + "/") ? String(path.dropFirst(services.dataDirectory.count + 1)) : path)
            details["recording_at"] = .number((seconds * 1000).rounded() / 1000)
        }
        logger.info("call \(kind) by the \(party)")
        report(.note(kind, details: details))
    }
}

extension AudioClip {
    /// What a held party hears when no music is configured: a soft two-note chime every 4 s,
    /// so that nobody on hold takes the silence for a dropped call. 20 s, looped.
    static let holdChime: AudioClip = {
        var samples: [Int16] = []
        samples.reserveCapacity(8000 * 20)
        for _ in 0..<5 {
            for (frequency, count) in [(523.25, 2400), (659.25, 3200)] {
                for n in 0..<count {
                    let t = Double(n) / 8000
                    let fade = min(1, Double(count - n) / 800, Double(n) / 80)
                    samples.append(Int16(3000 * fade * sin(2 * .pi * frequency * t)))
                }
            }
            samples.append(contentsOf: repeatElement(0, count: 32_000 - 5600))
        }
        return AudioClip(samples: samples)
    }()
}
