/// A participant of a conference room, as the mixer and an audience rule name it: the id of its
/// `MediaLeg` (`leg.participantID`), unique within one engine.
public struct ParticipantID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: UInt64

    public init(rawValue: UInt64) { self.rawValue = rawValue }

    public static func < (lhs: ParticipantID, rhs: ParticipantID) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { "\(rawValue)" }
}

/// Who hears a participant of a room. With `muted` (nobody hears it either, for now) it is all a
/// seat says, so supervision is just settings:
/// - listen: the supervisor joins with `.nobody`; it hears everyone, nobody hears it;
/// - whisper: `.only([agent])`; only the agent hears the supervisor;
/// - barge: `.everyone`; all hear all.
///
/// A participant never hears itself, whatever its audience says.
public enum Audience: Sendable, Hashable {
    case everyone
    /// Only these participants (ids of other participants of the same room; others are ignored).
    case only(Set<ParticipantID>)
    case nobody

    /// Whether `listener` hears a participant with this audience.
    public func admits(_ listener: ParticipantID) -> Bool {
        switch self {
        case .everyone: true
        case .only(let listeners): listeners.contains(listener)
        case .nobody: false
        }
    }
}
