/// A caller (SIPp's signalling, an ``RTPPeer``'s media) and an operator (baresip) talking: each
/// side's tone must reach the other.
enum Conversation {
    /// Waits, bounded, until the caller hears the operator's tone (baresip's microphone), then
    /// sends the caller's 440 Hz in half-second bursts until the operator hears it (at most 8 s).
    static func bothHear(caller: RTPPeer, agent: Baresip, within seconds: Double = 20) async -> (callerHearsAgent: Bool, agentHearsCaller: Bool) {
        let callerHears = await eventually(within: seconds) {
            Baresip.toneShare(RTPPeer.decode(caller.audio.suffix(4000)), frequency: agent.toneFrequency) > 0.8
        }
        for _ in 0..<16 where Baresip.toneShare(agent.receivedAudio().suffix(8000), frequency: 440) < 0.8 {
            await caller.sendTone(seconds: 0.5)
        }
        return (callerHears, Baresip.toneShare(agent.receivedAudio().suffix(8000), frequency: 440) > 0.8)
    }
}
