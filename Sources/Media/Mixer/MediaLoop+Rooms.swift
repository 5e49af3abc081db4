/// Conference rooms on the media thread: seats, and one mix per room per tick.
/// - warning: Media thread only, like the loop.
extension MediaLoop {
    func join(_ id: LegID, room roomID: RoomID, muted: Bool, audience: Audience) {
        guard let leg = legs[id] else { return }
        if leg.seat?.room == roomID {
            setSeat(id, in: roomID, muted: muted, audience: audience)
            return
        }
        leaveRoom(id)
        // A bridge or an echo ends: the leg now hears the room. A bridge's recording goes on (a
        // supervisor joining a recorded queue call must not cut the recording short).
        leg.detachFromBridge()
        let room = rooms[roomID] ?? RoomState(id: roomID)
        rooms[roomID] = room
        room.members.append(leg)
        leg.seat = Seat(room: roomID, muted: muted, audience: audience)
    }

    func leaveRoom(_ id: LegID) {
        guard let leg = legs[id], let seat = leg.seat else { return }
        leg.seat = nil
        guard let room = rooms[seat.room] else { return }
        room.members.removeAll { $0 === leg }
        if room.members.isEmpty { rooms[seat.room] = nil }
    }

    func setSeat(_ id: LegID, in roomID: RoomID, muted: Bool?, audience: Audience?) {
        guard let leg = legs[id], leg.seat?.room == roomID else { return }
        if let muted { leg.seat?.muted = muted }
        if let audience { leg.seat?.audience = audience }
    }

    func closeRoom(_ roomID: RoomID) {
        guard let room = rooms.removeValue(forKey: roomID) else { return }
        for leg in room.members { leg.seat = nil }
    }

    /// One tick of a room: each member's next frame in, each member's mix out in its own codec.
    /// A member with a clip queued hears the clip (its own tick sends it); one without a remote
    /// yet keeps its stream's clock moving.
    func mix(_ room: RoomState) {
        let voices = room.members.map { leg in
            RoomMixer.Voice(id: ParticipantID(rawValue: leg.id), frame: leg.seat?.buffer.nextFrame(),
                            muted: leg.seat?.muted ?? true, audience: leg.seat?.audience ?? .nobody)
        }
        let heard = room.mixer.mix(voices)
        for (leg, audio) in zip(room.members, heard) where leg.playout.isEmpty {
            let length = Playout.frameSize * leg.codec.clockPer8kSample
            guard leg.canSend else {
                leg.sender.skip(samples: length)
                continue
            }
            // Silence rather than nothing: the far end's jitter buffer and NAT stay fed.
            let samples = audio ?? Self.silence
            leg.send(leg.sender.packet(payloadType: leg.codec.payloadType, payload: leg.encoder.encode(samples), samples: length))
        }
    }

    static let silence = [Int16](repeating: 0, count: Playout.frameSize)
}
