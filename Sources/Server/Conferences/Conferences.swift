import Foundation
import HTTPAPI
import Logging
import Media

/// A call that sits in a conference room, as the rooms see it: the room can let it go.
protocol ConferenceSeat: Sendable {
    /// The room let the caller go (`kicked`, `room_ended`); the caller is out of the mix already.
    func leftConference(reason: String) async
}

/// Every conference room of the engine, by name: the one owner of who is in which room, muted or
/// not, moderator or not. A room is made on its first join and removed when its last caller
/// leaves; when the last moderator of a room that had one leaves, the others are let go with
/// `room_ended` (ConfBridge's "marked user").
actor Conferences {
    struct Member {
        let callID: String
        let callerNumber: String
        let moderator: Bool
        var muted: Bool
        let joinedAt: Date
        let media: MediaLeg
        let seat: any ConferenceSeat
    }

    struct Room {
        let media: MediaRoom
        var members: [Member] = []
        var hadModerator = false
    }

    let engine: MediaEngine
    /// Where `conference.joined` and `conference.left` go (`GET /api/events`).
    let hub: EventHub?
    let logger: Logger
    private(set) var rooms: [String: Room] = [:]

    init(engine: MediaEngine, hub: EventHub? = nil, logger: Logger) {
        self.engine = engine
        self.hub = hub
        self.logger = logger
    }

    /// Seats a call in `name`, making the room if it is new. A call already in a room leaves it first.
    func join(_ name: String, callID: String, callerNumber: String, muted: Bool, moderator: Bool, media: MediaLeg,
              seat: any ConferenceSeat, at time: Date = Date()) async {
        await leave(callID: callID, reason: "moved")
        var room = rooms[name] ?? Room(media: engine.openRoom())
        room.members.append(Member(callID: callID, callerNumber: callerNumber, moderator: moderator, muted: muted, joinedAt: time,
                                   media: media, seat: seat))
        room.hadModerator = room.hadModerator || moderator
        media.join(room.media, muted: muted)
        rooms[name] = room
        logger.info("call \(callID) joined conference \(name) (\(room.members.count) in the room)")
        hub?.publish(.conferenceJoined(time: time.timeIntervalSince1970, callID: callID, room: name, callerNumber: callerNumber,
                                       muted: muted, moderator: moderator))
    }

    /// The call leaves its room (the machine said so, or it hung up); nothing is reported to it.
    /// `reason` is what `conference.left` says: `key`, `max_seconds`, `hangup`, …
    func leave(callID: String, reason: String) async {
        guard let (name, member) = remove(callID) else { return }
        member.media.leaveRoom()
        published(left: name, callID: callID, reason: reason)
        await endIfModeratorsGone(name, leaving: member)
    }

    /// `POST …/mute` and `…/unmute`.
    func setMuted(_ muted: Bool, room name: String, callID: String) throws(OperationsError) {
        guard var room = rooms[name] else { throw .unknownConference(name) }
        guard let index = room.members.firstIndex(where: { $0.callID == callID }) else {
            throw .unknownParticipant(room: name, callID: callID)
        }
        room.members[index].muted = muted
        room.media.set(room.members[index].media, muted: muted)
        rooms[name] = room
    }

    /// `DELETE …/participants/{call}`: the call leaves and its scenario hears `conference.done` `kicked`.
    func kick(room name: String, callID: String) async throws(OperationsError) {
        guard let room = rooms[name] else { throw .unknownConference(name) }
        guard room.members.contains(where: { $0.callID == callID }), let (_, member) = remove(callID) else {
            throw .unknownParticipant(room: name, callID: callID)
        }
        member.media.leaveRoom()
        published(left: name, callID: callID, reason: "kicked")
        await member.seat.leftConference(reason: "kicked")
        await endIfModeratorsGone(name, leaving: member)
    }

    /// What `GET /api/conferences` shows, rooms by name.
    func views() -> [ConferenceView] {
        rooms.sorted { $0.key < $1.key }.map { name, room in
            ConferenceView(name: name, participants: room.members.map {
                ConferenceParticipant(callID: $0.callID, callerNumber: $0.callerNumber, muted: $0.muted, moderator: $0.moderator,
                                      joinedAt: $0.joinedAt.timeIntervalSince1970)
            })
        }
    }

    private func published(left room: String, callID: String, reason: String) {
        hub?.publish(.conferenceLeft(time: Date().timeIntervalSince1970, callID: callID, room: room, reason: reason))
    }

    private func remove(_ callID: String) -> (room: String, member: Member)? {
        for (name, var room) in rooms {
            guard let index = room.members.firstIndex(where: { $0.callID == callID }) else { continue }
            let member = room.members.remove(at: index)
            if room.members.isEmpty {
                room.media.close()
                rooms[name] = nil
            } else {
                rooms[name] = room
            }
            return (name, member)
        }
        return nil
    }

    /// The last moderator left a room that had one: everyone else is let go with `room_ended`.
    private func endIfModeratorsGone(_ name: String, leaving member: Member) async {
        guard member.moderator, let room = rooms[name], room.hadModerator, !room.members.contains(where: \.moderator) else { return }
        rooms[name] = nil
        room.media.close()
        logger.info("the last moderator left conference \(name): ending it for \(room.members.count) caller(s)")
        for other in room.members {
            other.media.leaveRoom()
            published(left: name, callID: other.callID, reason: "room_ended")
            await other.seat.leftConference(reason: "room_ended")
        }
    }
}
