@testable import Media

/// libFuzzer target: datagrams from the RTP socket, handled as `LegState.receive` does (parse,
/// RTCP-on-RTP check, RFC 4733 telephone events into a `DTMFReceiver`, G.711 decode, transcode
/// and relay), minus the socket. The input is a stream of datagrams, each prefixed by one length
/// byte, so the receiver sees sequences of packets. Also checks that parsing a packet's own wire
/// form gives the packet back.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRTP(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    var receiver = DTMFReceiver()
    var sender = RTPSender()
    var rest = input[...]
    // The whole input is also one datagram: the corpus seeds are plain packets.
    handle(input, receiver: &receiver, sender: &sender)
    while let length = rest.first {
        rest = rest.dropFirst()
        let datagram = Array(rest.prefix(Int(length)))
        rest = rest.dropFirst(Int(length))
        handle(datagram, receiver: &receiver, sender: &sender)
    }
    return 0
}

private func handle(_ bytes: [UInt8], receiver: inout DTMFReceiver, sender: inout RTPSender) {
    guard let packet = try? RTPPacket(parsing: bytes) else { return }
    guard let again = try? RTPPacket(parsing: packet.serialized()), again == packet else {
        fatalError("RTP round trip changed the packet: \(packet)")
    }
    guard !(72...76).contains(packet.payloadType) else { return }
    if let event = try? TelephoneEvent(parsing: packet.payload) {
        guard (try? TelephoneEvent(parsing: event.serialized())) == event else {
            fatalError("telephone-event round trip changed the event: \(event)")
        }
        if let key = receiver.receive(event, timestamp: packet.timestamp),
           !TelephoneEvent.keys.contains(key) {
            fatalError("DTMF receiver reported a key that is none: \(key)")
        }
    }
    guard let incoming = Codec(payloadType: packet.payloadType) else { return }
    let samples = incoming.decode(packet.payload)
    for target in [Codec.pcmu, .pcma] {
        let payload = target == incoming ? packet.payload : incoming.transcode(packet.payload, to: target)
        _ = target.encode(samples)
        _ = sender.relay(payloadType: target.payloadType, payload: payload,
                         samples: packet.payload.count, from: packet)
    }
}
