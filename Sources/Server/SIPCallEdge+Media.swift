import CallgateCore
import Engine
import Foundation
import Media

/// The caller's own media: prompts, recordings, and what the media thread reports.
extension SIPCallEdge {
    func startPrompt(_ prompt: Prompt) {
        let id = nextClipID
        nextClipID += 1
        currentPrompt = id
        let prompts = services.prompts, voice = services.voice
        Task {
            do {
                let clip: AudioClip
                switch prompt {
                case .play(let play): clip = try await prompts.clip(file: play.file)
                case .say(let say): clip = try await prompts.clip(speech: say.text, voice: say.voice ?? voice)
                }
                self.playIfCurrent(clip, id: id)
            } catch {
                self.promptFailed(prompt, id: id, error: "\(error)")
            }
        }
    }

    func playIfCurrent(_ clip: AudioClip, id: UInt64) {
        guard currentPrompt == id, !closed else { return }
        media.play(clip, id: id)
    }

    func promptFailed(_ prompt: Prompt, id: UInt64, error: String) {
        guard currentPrompt == id, !closed else { return }
        currentPrompt = nil
        logger.error("prompt failed: \(error)")
        let action = if case .play = prompt { "play" } else { "say" }
        report(.actionFailed(.actionFailed(action: action, detail: error)))
    }

    func startRecording(_ record: Record) {
        recordings += 1
        let relative = "recordings/\(callID)-\(recordings).wav"
        let path = services.dataDirectory + "/" + relative
        do {
            try services.recordingFolder.prepare(logger: logger)   // mode 0750; refused below limits.min_free_disk_mb
            // The machine's own timer ends the recording at max_seconds; the media bound is a backstop.
            try media.startRecording(path: path, maxSeconds: Double(record.maxSeconds) + 2, silenceSeconds: services.recordSilenceSeconds,
                                     beep: record.beep)
            control.recordingAction = true
        } catch {
            report(.actionFailed(.actionFailed(action: "record", detail: "\(error)")))
        }
    }

    func mediaEvent(_ event: MediaEvent) {
        guard !closed else { return }
        switch event {
        case .dtmf(let key):
            // Keys pressed while talking to an agent (or while a transfer's target rings) are not for the IVR.
            if bridgedAgent == nil, operatorTransfer == nil { report(.dtmf(key)) }
        case .playbackFinished(let id):
            if id == currentPrompt {
                currentPrompt = nil
                report(.promptFinished)
            } else if id == holdClipID, inQueue, bridgedAgent == nil {
                playHoldMusic()  // music on hold loops; after an announcement it resumes
            }
        case .recordingFinished(let path, _, _) where path == queueRecording:
            queueRecording = nil
            let store = services.store, callID = self.callID, logger = self.logger
            let relative = path.hasPrefix(services.dataDirectory + "/") ? String(path.dropFirst(services.dataDirectory.count + 1)) : path
            Task {
                do { try await store.setRecording(callID: callID, path: relative) } catch { logger.error("cannot note the queue recording: \(error)") }
            }
        case .recordingFinished(let path, let seconds, let reason):
            control.recordingAction = false
            let relative = path.hasPrefix(services.dataDirectory + "/") ? String(path.dropFirst(services.dataDirectory.count + 1)) : path
            report(.recordingFinished(file: relative, seconds: seconds, reason: reason))
        case .machineDetected(let outcome):
            machineDetected(outcome)
        case .silenceHeard(let milliseconds):
            silenceHeard(milliseconds: milliseconds)
        case .rtpTimeout:
            logger.warning("no RTP from the caller for \(services.rtpTimeoutSeconds) s: hanging up")
            report(.mediaTimeout)
        }
    }
}
