import CallgateCore
import Engine
import Foundation
import Logging
import Media
import Storage

/// A callback's two legs in `serve`: both were placed by the ``SofiaDialer``, so their audio is
/// bridged leg to leg in the media engine, and the customer's call is a row of the store like
/// every call (`direction: outbound`), published on the event stream.
struct SofiaCallbackEdge: CallbackEdge {
    let store: CallStore
    let hub: EventHub
    let dataDirectory: String
    let recordingFolder: RecordingFolder
    let logger: Logger

    func ringback(on leg: any DialedLeg) async {
        guard let leg = leg as? SofiaDialedLeg else { return }
        leg.media.play(AudioClip.ringback, id: 0)
    }

    func bridge(customer: any DialedLeg, agent: any DialedLeg, recording: Bool, callID: String) async {
        guard let customer = customer as? SofiaDialedLeg, let agent = agent as? SofiaDialedLeg else { return }
        customer.media.stopPlayback()
        agent.media.stopPlayback()
        if recording {
            let path = dataDirectory + "/recordings/\(callID)-callback.wav"
            do {
                try recordingFolder.prepare(logger: logger)
                try customer.media.bridge(with: agent.media, recordingTo: path)
                return
            } catch {
                logger.error("cannot record the callback: \(error)", metadata: ["call.id": "\(callID)"])
            }
        }
        customer.media.bridge(with: agent.media)
    }

    func save(_ record: CallRecord, startedAt: Double) async {
        let started = Date(timeIntervalSince1970: startedAt)
        if record.answeredAt == nil, record.endedAt == nil {
            hub.publish(.callStarted(time: startedAt, callID: record.id, from: record.from, to: record.to, direction: .outbound))
        } else if let answered = record.answeredAt, record.endedAt == nil {
            hub.publish(.callAnswered(time: startedAt + answered, callID: record.id))
        } else if let ended = record.endedAt {
            hub.publish(.callEnded(time: startedAt + ended, callID: record.id, disposition: record.disposition ?? "",
                                   hangupBy: record.hangupBy ?? "", reason: record.hangupReason ?? "", durationSeconds: ended,
                                   talkSeconds: record.answeredAt.map { ended - $0 }))
        }
        do {
            try await store.saveCall(StoredCall(record: record, startedAt: started, sipCallID: "", route: nil, scenario: "callback"))
        } catch {
            logger.error("could not store the callback's call record: \(error)", metadata: ["call.id": "\(record.id)"])
        }
    }
}
