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
            codec = Codec(payloadType: packet.payloadType) ?? codec
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
        guard let incoming = Codec(payloadType: packet.payloadType) else { return }  // comfort noise and the like

        var samples: [Int16]?
        if let recording, recording.isStarted {
            let decoded = incoming.decode(packet.payload)
            samples = decoded
            record(decoded, timestamp: packet.timestamp, into: recording, now: now)
        }
        if let (bridgeRecording, channel) = bridgeRecording {
            let decoded = samples ?? incoming.decode(packet.payload)
            samples = decoded
            bridgeRecording.push(decoded, channel: channel)
        }
        relay(packet, codec: incoming, samples: samples)
    }

    /// Whether `payloadType` is one the leg negotiated: only such packets may move the remote.
    private func isNegotiated(_ payloadType: UInt8) -> Bool {
        payloadType == codec.payloadType || payloadType == telephoneEvent
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

    /// Passes received audio to the bridged leg at once, re-stamped into that leg's own stream and
    /// transcoded when the legs speak different codecs. A peer playing its own clip is not
    /// interrupted: relayed audio is dropped until its queue is empty.
    private func relay(_ packet: RTPPacket, codec incoming: Codec, samples: [Int16]?) {
        guard let peer, peer.canSend, peer.playout.isEmpty else { return }
        let payload: [UInt8] =
            if incoming == peer.codec { packet.payload }
            else if let samples { peer.codec.encode(samples) }
            else { incoming.transcode(packet.payload, to: peer.codec) }
        peer.send(peer.sender.relay(payloadType: peer.codec.payloadType, payload: payload,
                                    samples: packet.payload.count, from: packet))
    }
}
