/// A conference room of one engine: every leg that joined hears the mix of the others, each in its
/// own codec, one mix per 20 ms tick on the media thread. Created by `MediaEngine.openRoom()`.
///
/// Like `MediaLeg`, every method posts a command and returns at once. Closing (or releasing) the
/// room takes every leg out of it; the legs themselves stay open.
public final class MediaRoom: Sendable {
    let id: RoomID
    let engine: MediaEngine

    init(id: RoomID, engine: MediaEngine) {
        self.id = id
        self.engine = engine
    }

    /// Changes a member's seat: muted (nobody hears it) and who hears it when unmuted; nil keeps
    /// what the seat has. Ignored when the leg is not in this room; commands apply in order, so a
    /// `set` after a `join` finds it.
    public func set(_ leg: MediaLeg, muted: Bool? = nil, audience: Audience? = nil) {
        precondition(leg.engine === engine, "a leg can only be in a room of its own engine")
        engine.post(.setSeat(id, leg.id, muted: muted, audience: audience))
    }

    /// Every member leaves; the room is empty and may be joined again.
    public func close() {
        engine.post(.closeRoom(id))
    }

    deinit {
        close()
    }
}

extension MediaEngine {
    /// A new, empty conference room.
    public func openRoom() -> MediaRoom {
        MediaRoom(id: nextRoomID.add(1, ordering: .relaxed).oldValue, engine: self)
    }
}

extension MediaLeg {
    /// The leg's id in audience rules (`Audience.only`).
    public var participantID: ParticipantID { ParticipantID(rawValue: id) }

    /// Takes a seat in `room` (leaving any other room): from the next tick the leg hears the mix
    /// of the others and they hear it, as `muted` and `audience` say. Ends a bridge or an echo.
    /// A clip played on the leg goes first: while its queue plays, the leg hears the clip, not
    /// the room (the others still hear the leg).
    public func join(_ room: MediaRoom, muted: Bool = false, audience: Audience = .everyone) {
        precondition(room.engine === engine, "a leg can only join a room of its own engine")
        engine.post(.joinRoom(id, room.id, muted: muted, audience: audience))
    }

    /// Leaves the room the leg is in, if any; closing the leg does it too.
    public func leaveRoom() {
        engine.post(.leaveRoom(id))
    }
}
