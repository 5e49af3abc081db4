import Media
import SIP

/// What to answer a re-INVITE with: decided once, for the caller's leg and the legs we placed alike.
enum ReinviteReply {
    /// 200 with this SDP. `holds`: whether the offer puts the call on hold; nil for our own offer
    /// to a re-INVITE without SDP (the peer's answer comes with the ACK).
    case accept(sdp: String, holds: Bool?)
    /// 488: nothing in the offer we can answer; the call goes on as it was (never our echo of the
    /// peer's own SDP, which would make it send RTP to itself).
    case refuse
}

extension MediaLeg {
    /// Answers a re-INVITE (hold, resume, a new address) from our side of the leg: our address,
    /// codecs and SRTP key, and our `o=` session at `version` (RFC 3264 §8: same id, one version
    /// on). The leg follows the answer at once: where to send, whether to send at all.
    func answerReinvite(_ sdp: String?, address: String, codecs: [SDPCodec], sessionID: UInt64, version: UInt64,
                        srtp: LegSRTP, key: [UInt8]) -> ReinviteReply {
        guard let sdp else {
            return .accept(sdp: SessionDescription.offer(address: address, port: Int(localPort), formats: codecs, sessionID: sessionID,
                                                         version: version, srtp: srtp.policy, cryptos: srtp.offered), holds: nil)
        }
        guard let offer = SessionDescription.parse(sdp),
              let answer = SessionDescription.answer(to: offer, address: address, port: Int(localPort), codecs: codecs,
                                                     sessionID: sessionID, version: version, srtp: srtp.policy, key: key),
              applyCrypto(answer.crypto)
        else { return .refuse }
        setSending(answer.direction == .sendrecv || answer.direction == .sendonly)
        follow(answer)
        return .accept(sdp: answer.sdp, holds: offer.isHold)
    }

    /// The peer's answer to our offer (a re-INVITE without SDP, answered in the ACK): the leg
    /// follows it. Returns whether it holds the call; nil when it is unusable (then a leg whose
    /// policy requires SRTP sends nothing rather than clear RTP).
    func followLateAnswer(_ sdp: String, srtp: LegSRTP) -> Bool? {
        guard follow(answer: sdp, srtp: srtp), let answer = SessionDescription.parse(sdp) else {
            if srtp.policy == .required { setSending(false) }
            return nil
        }
        setSending(answer.audioDirection == .sendrecv || answer.audioDirection == .recvonly)
        return answer.isHold
    }
}
