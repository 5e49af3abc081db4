/// A leg's place in a room, kept on the leg: its settings and the audio waiting for the next mix.
/// - warning: Media thread only, like the leg.
struct Seat: Sendable {
    let room: RoomID
    var muted: Bool
    var audience: Audience
    var buffer = JitterBuffer()
}

/// Identifies a room inside one engine.
typealias RoomID = UInt64

/// A room on the media thread: its members in the order they joined and its mixer. It exists
/// while it has members; `MediaRoom` is the handle other threads hold.
/// - warning: Media thread only.
final class RoomState {
    let id: RoomID
    var members: [LegState] = []
    var mixer = RoomMixer()

    init(id: RoomID) {
        self.id = id
    }
}
