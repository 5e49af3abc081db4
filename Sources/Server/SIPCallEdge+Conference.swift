import CallgateCore
import Engine
import Media

/// The caller's side of a conference: the seat in the room, and the room letting it go.
extension SIPCallEdge: ConferenceSeat {
    func joinConference(_ conference: Conference) async {
        inConference = true
        media.stopPlayback()
        await services.conferences.join(conference.room, callID: callID, callerNumber: caller.user, muted: conference.muted,
                                        moderator: conference.moderator, media: media, seat: self)
    }

    /// The machine took the caller out (exit key, max_seconds, hangup), or the call is closing.
    func leaveConference(reason: String) async {
        guard inConference else { return }
        inConference = false
        await services.conferences.leave(callID: callID, reason: reason)
    }

    func leftConference(reason: String) async {
        guard inConference, !closed else { return }
        inConference = false
        report(.conferenceLeft(reason: reason, details: [:]))
    }
}
