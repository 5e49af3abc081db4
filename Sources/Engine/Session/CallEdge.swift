import CallgateCore

/// The SIP leg and the media of one real call, as the session sees them. It carries out the
/// machine's effects; what happens as a consequence comes back through `CallSession.deliver(_:)`.
public protocol CallEdge: Sendable {
    /// Carries out one effect: answer, early media, prompts, digit collection, recording, queue,
    /// hangup or reject. Trail, scenario, timer and transfer effects never reach the edge: the
    /// session drives a transfer itself, through the dialer and the three calls below.
    func perform(_ effect: CallEffect) async
    /// The caller hears ringback while a transfer target rings.
    func startRingback() async
    /// The caller talks to `leg` (a transfer target that answered); ringback stops.
    func bridge(to leg: any DialedLeg) async
    /// The bridge (or the ringback) ends; the caller hears nothing until the next action.
    func unbridge() async
    /// The call is over: release the SIP leg, the media ports and anything the call still holds.
    func close() async
}

/// Where a session keeps its call record and trail, so nothing is lost even if the engine dies mid-call.
public protocol CallRecorder: Sendable {
    func callStarted(_ record: CallRecord) async
    func callAnswered(_ record: CallRecord) async
    func trail(_ callID: String, _ entries: [TrailEntry]) async
    func callEnded(_ record: CallRecord) async
}
