extension LegState {
    /// Handles one datagram from the RTP socket, as soon as it arrives: DTMF, recording, relay.
    /// - warning: Media thread only.
    func receive(_ received: [UInt8], from source: SocketAddress, now: MonotonicTime) {
        owner.assertCurrent("LegState.receive")
        var bytes = received
        if let srtp {
            // Strays and SRTCP multiplexed onto the RTP port (RFC 5761) are ignored, as in clear RTP;
            // a source the leg may latch to (its peer's IP, behind a NAT) is authenticated first.
            if let remote, source != remote, !latch.mayLatch(to: source) {
                counters.ignored()
                return
            }
            if received.count >= 2, (72...76).contains(received[1] & 0x7f) {
                counters.ignored()
                return
            }
            // Before anything reads it: a packet that does not authenticate is dropped, never relayed.
            guard let clear = srtp.inbound.unprotect(received) else {
                counters.refused()
                return
            }
            bytes = clear
        }
        // Payload types 72–76 with the marker bit are RTCP sent to the RTP port (RFC 5761 §4).
        guard let packet = try? RTPPacket(parsing: bytes), !(72...76).contains(packet.payloadType) else {
            counters.ignored()
            return
        }
        if let remote {
            // Only packets of the leg's own payload types may move its remote.
            let decision = source == remote || isNegotiated(packet.payloadType)
                ? latch.decide(source: source, ssrc: packet.ssrc, remote: remote) : .ignore
            switch decision {
            case .take:
                break
            case .latch:
                logger.info("RTP latched to the peer's NAT address", metadata: ["sdp": "\(remote)", "source": "\(source)"])
                self.remote = source
            case .ignore:
                counters.ignored()  // not our remote: stray or spoofed
                return
            }
        } else {
            // Symmetric RTP (RFC 4961): behind NAT the only usable address is where packets come from.
            remote = source
            if let learned = Codec(payloadType: packet.payloadType) { adopt(learned) }
            timeout.restart(now: now)
            logger.debug("learned the remote from its first packet", metadata: ["remote": "\(source)"])
        }
        counters.received(bytes: bytes.count)
        timeout.received(now: now)

        if let telephoneEvent, packet.payloadType == telephoneEvent {
            if let event = try? TelephoneEvent(parsing: packet.payload),
               let key = dtmf.receive(event, timestamp: packet.timestamp) {
                events.yield(.dtmf(key))
            }
            return  // DTMF is reported, never relayed: the other leg may not have negotiated it
        }
        // The negotiated codec under its negotiated number; a static G.711 type too, as before
        // (some phones switch between the two they offered); comfort noise and the like are not audio.
        // A phone answering our offer under its own number for a dynamic codec still sends ours
        // (RFC 3264 §5.1: an offer's numbers are what the offerer receives): Opus 111 is accepted too.
        let incoming: Codec
        if packet.payloadType == codec.payloadType
            || (codec.format.staticPayloadType == nil && packet.payloadType == codec.format.offerPayloadType) {
            incoming = codec
        } else if let other = Codec(payloadType: packet.payloadType), other.format == .pcmu || other.format == .pcma {
            incoming = other
        } else {
            return
        }
        var audio = IncomingAudio(packet: packet, codec: incoming, decoder: incoming.format == codec.format ? decoder : nil)
        if let recording, recording.isStarted, let samples = audio.samples() {
            // The meter counts in 8 kHz samples (a 48 kHz stamp's wrap every 25 h costs one glitch).
            record(samples, timestamp: packet.timestamp / UInt32(incoming.clockPer8kSample), into: recording, now: now)
        }
        if let (bridgeRecording, channel) = bridgeRecording, let samples = audio.samples() {
            bridgeRecording.push(samples, channel: channel)
        }
        if seat != nil, let samples = audio.samples() { seat?.buffer.push(samples) }
        if analysis != nil, let samples = audio.samples() { analyse(samples, now: now) }
        relay(&audio)
    }

    /// Whether `payloadType` is one the leg negotiated: only such packets may move the remote.
    private func isNegotiated(_ payloadType: UInt8) -> Bool {
        payloadType == codec.payloadType || payloadType == telephoneEvent
            || (codec.format.staticPayloadType == nil && payloadType == codec.format.offerPayloadType)
    }

    private func record(_ samples: [Int16], timestamp: UInt32, into recording: Recording, now: MonotonicTime) {
        do {
            if let reason = try recording.record(samples, timestamp: timestamp, now: now) {
                finishRecording(reason: reason)
            }
        } catch {
            logger.error("recording write failed", metadata: ["path": "\(recording.path)", "error": "\(error)"])
            finishRecording(reason: "error")
        }
    }

    /// Passes received audio to the bridged leg at once, re-stamped into that leg's own stream.
    /// The same format on both legs is relayed untouched (wideband stays wideband); otherwise it
    /// goes through 8 kHz audio into the peer's encoder, the timestamps scaled between the clocks.
    /// A peer playing its own clip is not interrupted: relayed audio is dropped until its queue is empty.
    private func relay(_ audio: inout IncomingAudio) {
        guard let peer, peer.canSend, peer.playout.isEmpty else { return }
        let packet = audio.packet
        let payload: [UInt8]
        let length: Int
        if audio.codec.format == peer.codec.format {
            payload = packet.payload
            length = audio.codec.timestampLength(of: packet.payload)
        } else {
            guard let samples = audio.samples() else { return }
            payload = peer.encoder.encode(samples)
            length = samples.count * peer.codec.clockPer8kSample
            guard !payload.isEmpty else { return }
        }
        peer.send(peer.sender.relay(payloadType: peer.codec.payloadType, payload: payload, samples: length, from: packet,
                                    sourceClock: audio.codec.clockRate, clock: peer.codec.clockRate))
    }
}

/// One received audio packet, decoded at most once and only when someone needs its samples (a
/// stateful decoder must see each packet once; an untouched relay needs none).
struct IncomingAudio {
    let packet: RTPPacket
    let codec: Codec
    /// The leg's own decoder for its negotiated codec; nil for a stateless G.711 fallback.
    let decoder: (any AudioDecoder)?
    private var decoded: [Int16]??

    init(packet: RTPPacket, codec: Codec, decoder: (any AudioDecoder)?) {
        self.packet = packet
        self.codec = codec
        self.decoder = decoder
    }

    /// The 8 kHz audio; nil when the payload does not decode (a bad Opus packet: counted by the decoder).
    mutating func samples() -> [Int16]? {
        if let decoded { return decoded }
        let samples = decoder?.decode(packet.payload) ?? codec.decode(packet.payload)
        let result = samples.isEmpty ? nil : samples
        decoded = .some(result)
        return result
    }
}
