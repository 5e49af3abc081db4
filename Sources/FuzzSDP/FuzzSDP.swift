import FuzzNumberMutator  // linked for its custom mutator
import SIP

/// libFuzzer target: an SDP offer through `SessionDescription.parse` and `answer(to:)`, checking
/// what the media side relies on: every answer it produces names payload types in 0...127 (an
/// RTP header has 7 bits for them; the server narrows them with `UInt8(_:)`), a remote port in
/// 1...65535, and is itself SDP that parses back with one `m=` line per offered one (RFC 3264 §6).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSDP(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let offer = SessionDescription.parse(text) else { return 0 }
    _ = (offer.audio, offer.audioAddress, offer.audioDirection, offer.isHold)

    // The server's two ways of answering: both codecs with RFC 4733, and one codec without it.
    let answers = [
        SessionDescription.answer(to: offer, address: "192.0.2.10", port: 40000, sessionID: 1, version: 1),
        SessionDescription.answer(to: offer, address: "192.0.2.10", port: 40000, supported: [8],
                                  telephoneEvent: nil, sessionID: 1, version: 1),
    ]
    for case let answer? in answers { check(answer, offer: offer, text: text) }
    return 0
}

private func check(_ answer: SDPAnswer, offer: SessionDescription, text: String) {
    func fail(_ property: String) -> Never {
        fatalError("SDP answer breaks \(property): \(answer)\n--- offer ---\n\(text)")
    }
    // Widened to Int: the checks hold whatever integer type the answer carries them in.
    if !(0...127).contains(Int(answer.codec)) { fail("codec payload type in 0...127") }
    if let event = answer.telephoneEventPT, !(0...127).contains(Int(event)) {
        fail("telephone-event payload type in 0...127")
    }
    if !(1...65535).contains(Int(answer.remotePort)) { fail("remote port in 1...65535") }
    if answer.ptime <= 0 { fail("positive ptime") }
    guard let reparsed = SessionDescription.parse(answer.sdp) else { fail("the answer parses as SDP") }
    if reparsed.media.count != offer.media.count { fail("one m= line per offered m= line") }
    guard let audio = reparsed.audio else { fail("the answer has an audio stream") }
    if audio.port != 40000 { fail("the answer's audio port is ours") }
    if audio.payloadTypes.contains(where: { !(0...127).contains($0) }) { fail("answered formats in 0...127") }
}
