import Foundation
import CallgateCore
import Engine
import Media
import SIP

/// Calls the engine answers itself: feature codes, supervision codes, and the spoken refusals.
extension CallRouter {
    /// An agent dialed a feature code: change the agent's state, say so, hang up.
    func featureCode(_ code: FeatureCode, agent: String, call: IncomingCall) async {
        let text: String
        do {
            guard let queues = services.queues else { throw OperationsErrorText("queues are not configured") }
            try await queues.control(code.input(agent))
            text = code.confirmation(for: agent)
        } catch {
            logger.notice("feature code \(code.rawValue) from \(agent) refused: \(error)")
            text = "Sorry, that did not work."
        }
        await spokenNotice(text, reason: "feature_code", call: call)
    }

    /// A supervisor dialed `*95`/`*96`/`*97` and an agent's extension: answered and put in the
    /// agent's call, or told why not.
    func supervise(_ call: IncomingCall, supervisor: String, mode: SupervisionMode, agent: String) async {
        guard let supervisions = services.supervisions else {
            await spokenNotice("Supervision is not available.", reason: "supervise_refused", call: call)
            return
        }
        let conversation: Queues.Conversation
        switch await supervisions.check(supervisor: supervisor, agent: agent) {
        case .success(let found):
            conversation = found
        case .failure(let refusal):
            logger.notice("supervision of \(agent) by \(supervisor) refused: \(refusal)")
            let text = switch refusal {
            case .notOnACall: "Agent \(agent) is not on a call."
            case .busy: "Agent \(agent) already has a supervisor."
            default: "You may not supervise agent \(agent)."
            }
            await spokenNotice(text, reason: "supervise_refused", call: call)
            return
        }
        guard let (media, answer) = answerMedia(for: call) else {
            await services.sip.reject(call.leg, status: 488)
            return
        }
        await services.sip.answer(call.leg, sdp: answer)
        await supervisions.startFromPhone(leg: call.leg, media: media, supervisor: supervisor, mode: mode, conversation: conversation)
    }

    /// A media leg pointed at the caller and our SDP answer to its offer; nil (the leg closed) when
    /// there is no offer or nothing in it we can answer.
    func answerMedia(for call: IncomingCall) -> (MediaLeg, String)? {
        guard let offer = call.sdp, let media = try? services.mediaEngine.openLeg() else { return nil }
        media.latch(toCaller: call, config: config)
        let srtp = srtp(for: call)
        let codecs = codecPolicy.inbound(authenticatedUser: call.authenticatedUser, source: call.source)
        guard let answer = SessionDescription.answer(to: offer, address: config.sdpAddress(for: call), port: Int(media.localPort),
                                                     codecs: codecs, srtp: srtp.policy, key: srtp.answerKey),
              media.applyCrypto(answer.crypto), media.follow(answer) else {
            media.close()
            return nil
        }
        return (media, answer.sdp)
    }

    /// Answers, says `text`, hangs up: the end of a feature code, or a refusal.
    func spokenNotice(_ text: String, reason: String, call: IncomingCall) async {
        guard let (media, answer) = answerMedia(for: call) else {
            await services.sip.reject(call.leg, status: 488)
            return
        }
        let id = CallIdentifiers.next()
        var logger = self.logger
        logger[metadataKey: "call.id"] = "\(id)"
        let edge = SIPCallEdge(callID: id, leg: call.leg, caller: call.from, media: media, answerSDP: answer,
                               services: services, logger: logger)
        await edge.describe(route: reason, startedAt: Date())
        let info = CallInfo(id: id, from: call.from.user, to: call.requestUser, direction: .inbound, state: .ringing)
        let session = CallSession(call: info, vars: [:], configuration: CallConfiguration(), edge: edge,
                                  executor: SpokenNotice(text: text, reason: reason), recorder: nil, clock: ContinuousClock(), logger: logger)
        // Weakly: the session holds its edge, and the router's task holds the session until it ends.
        await edge.attach({ [weak session] input in await session?.deliver(input) }, vars: { [weak session] in await session?.vars ?? [:] })
        calls[call.leg] = (session, edge)
        let leg = call.leg
        Task {
            await session.begin()
            _ = await session.waitUntilEnded()
            await self.forget(leg)
        }
    }
}

struct OperationsErrorText: Error, CustomStringConvertible {
    let description: String
    init(_ text: String) { description = text }
}
