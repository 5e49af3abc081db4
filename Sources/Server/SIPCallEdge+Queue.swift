import CallgateCore
import Engine
import Foundation
import Media

/// The caller's side of a queue: music on hold, announcements, the bridge to the agent.
extension SIPCallEdge: QueueCaller {
    /// The scenario ran `enqueue`: hand the caller to the queue manager.
    func enqueue(_ enqueue: Enqueue) async {
        guard let queues = services.queues else {
            await queueUnavailable("queues are not configured")
            return
        }
        let vars = await currentVars()
        let ticket = CallerTicket(callID: callID, enqueue: enqueue, callerNumber: caller.user, callerName: caller.displayName)
        inQueue = true
        control.queue = enqueue.queue
        await queues.join(self, ticket: ticket, vars: vars)
    }

    func queueUnavailable(_ detail: String) async {
        inQueue = false
        report(.actionFailed(.actionFailed(action: "enqueue", detail: detail)))
    }

    /// The queue is done with the caller (timeout, full, no agents, the agent hung up).
    func leftQueue(reason: String, details: [String: JSONValue]) async {
        inQueue = false
        holding = nil
        queueMusic = nil
        forgetHold()
        conversationEnded()
        bridgedAgent = nil
        media.stopPlayback()
        media.unbridge()
        report(.queueLeft(reason: reason, details: details))
    }

    /// Plays the queue's music on hold, looping, until an announcement, a bridge or the end.
    func startMusicOnHold(_ file: String) async {
        do {
            let clip = try await services.prompts.clip(file: file)
            guard inQueue, !closed, bridgedAgent == nil else { return }
            holding = clip
            queueMusic = clip
            playHoldMusic()
        } catch {
            logger.warning("music on hold \(file) cannot be played: \(error); the caller waits in silence")
        }
    }

    func playHoldMusic() {
        guard let clip = holding, inQueue, !closed else { return }
        holdClipID = nextClipID
        nextClipID += 1
        media.play(clip, id: holdClipID)
    }

    /// Position and estimated wait, spoken over the music, which then resumes.
    func announce(_ text: String) async {
        guard inQueue, !text.isEmpty, let clip = try? await services.prompts.clip(speech: text, voice: services.voice),
              inQueue, !closed, bridgedAgent == nil else { return }
        media.stopPlayback()
        holdClipID = nextClipID
        nextClipID += 1
        media.play(clip, id: holdClipID)
    }

    /// An agent answered: the caller talks to the agent, recorded in stereo when the queue says so.
    func bridge(to leg: any DialedLeg, recording record: Bool) async {
        guard let leg = leg as? SofiaDialedLeg, inQueue, !closed else { return }
        let agentMedia = leg.media
        holding = nil
        media.stopPlayback()
        bridgedAgent = leg
        observeHold(of: leg)
        if record {
            recordings += 1
            let relative = "recordings/\(callID)-queue-\(recordings).wav"
            do {
                try services.recordingFolder.prepare(logger: logger)   // mode 0750; refused below limits.min_free_disk_mb
                try media.bridge(with: agentMedia, recordingTo: services.dataDirectory + "/" + relative)
                queueRecording = services.dataDirectory + "/" + relative
                bridgeRecordingStarted = .now
                return
            } catch {
                logger.error("cannot record the queue call: \(error)")
            }
        }
        media.bridge(with: agentMedia)
    }

    /// The agent (or a transfer target) hung up: no more bridge, no more ringback.
    func unbridge() async {
        forgetHold()
        conversationEnded()
        bridgedAgent = nil
        media.unbridge()
        media.stopPlayback()
    }
}
