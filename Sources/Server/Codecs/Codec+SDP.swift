import Media
import SIP

extension Codec {
    /// The media codec for a format SDP negotiated, under its negotiated payload type; nil for a
    /// format the media engine has no coder for.
    init?(_ sdp: SDPCodec) {
        guard let format = Codec.Format.allCases.first(where: { $0.matches(encoding: sdp.encoding, clockRate: sdp.clockRate) })
        else { return nil }
        self.init(format, payloadType: sdp.payloadType, fmtp: sdp.fmtp)
    }

    /// The codec of payload type `pt` in an SDP media description: by its rtpmap, else the static number.
    init?(payloadType pt: UInt8, in media: SessionDescription.Media) {
        if let map = media.rtpmaps[pt] {
            guard let format = Codec.Format.allCases.first(where: { $0.matches(encoding: map.encoding, clockRate: map.clockRate) })
            else { return nil }
            self.init(format, payloadType: pt, fmtp: media.fmtps[pt])
        } else {
            self.init(payloadType: pt)
        }
    }
}

extension MediaLeg {
    /// Points the leg at an answer we built to a peer's offer: its address, the chosen codec under
    /// the offer's number, telephone-event. False when the media engine cannot speak it.
    @discardableResult
    func follow(_ answer: SDPAnswer) -> Bool {
        guard let codec = Codec(answer.format) else { return false }
        do {
            try setRemote(host: answer.remoteAddress, port: answer.remotePort, codec: codec, telephoneEvent: answer.telephoneEventPT)
            return true
        } catch {
            return false
        }
    }
}
