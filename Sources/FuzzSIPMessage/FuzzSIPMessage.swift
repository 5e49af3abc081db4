import FuzzNumberMutator  // linked for its custom mutator
import FuzzSofiaShim
@testable import SIP

/// libFuzzer target: one UDP datagram through Sofia's SIP parser and then through everything
/// callgate reads from the parsed message before any call logic runs (`SofiaMessage`, the SDP
/// offer, a SIP INFO key, registrar expiry, digest credentials). A trap anywhere here is a
/// datagram that stops the engine (issue 9).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSIPMessage(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let msg = fz_sip_parse(data, size) else { return 0 }
    defer { fz_msg_destroy(msg) }
    guard let sip = fz_sip_deliverable(msg) else { return 0 }

    let message = SofiaMessage(sip)
    _ = message.reportedHeaders
    if let sdp = message.sdp {
        _ = SessionDescription.answer(to: sdp, address: "192.0.2.10", port: 40000, sessionID: 1)
    }
    if let body = message.body {
        _ = DTMFInfo.key(contentType: message.contentType, body: body)
    }
    for contact in message.contacts {
        _ = RegistrarPolicy.expires(contactParameter: contact.expires, header: message.expires)
    }
    _ = message.authorization.compactMap(DigestCredentials.parse)
    return 0
}
