import Media
import SIP

extension MediaLeg {
    /// Points the leg at the audio of a peer's SDP answer: its address, port, first codec we speak
    /// (under the answer's payload type, dynamic ones included) and telephone-event type. Returns
    /// false when the answer has no usable audio.
    @discardableResult
    func follow(answer sdp: String?) -> Bool {
        guard let sdp, let answer = SessionDescription.parse(sdp), let audio = answer.audio, let address = answer.audioAddress,
              let codec = audio.payloadTypes.lazy.compactMap({ Codec(payloadType: $0, in: audio) }).first
        else { return false }
        do {
            try setRemote(host: address, port: audio.port, codec: codec,
                          telephoneEvent: audio.telephoneEventPayloadType(clockRate: codec.clockRate))
            return true
        } catch {
            return false
        }
    }
}
