import Config
import Engine
import Media
import SIP
import Storage

/// What every call's edge shares: the SIP stack, the media engine, the dialer, prompts, the registrar, the queues and settings.
struct EdgeServices: Sendable {
    let sip: SIPStack
    let mediaEngine: MediaEngine
    let prompts: PromptLibrary
    let registrar: Registrar
    let config: CallgateConfig
    let store: CallStore
    let hub: EventHub
    /// Every outbound leg (queue offers, transfers) is placed here.
    let dialer: SofiaDialer
    /// The conference rooms, by name.
    let conferences: Conferences
    /// The ACD; set once it exists (it needs the dialer, which needs these services' parts).
    var queues: Queues?
    /// Supervisors in queue calls (listen, whisper, barge).
    var supervisions: Supervisions?

    var voice: String { config.tts.voice }
    var dataDirectory: String { config.dataDir.resolved }
    var rtpAddress: String { config.rtp.address }
    var rtpTimeoutSeconds: Double { config.rtp.timeoutSeconds }
    var publicAddress: String { config.sip.publicAddress }
    /// Where recordings go, checked for free space before each starts.
    var recordingFolder: RecordingFolder {
        RecordingFolder(dataDirectory: dataDirectory, minimumFreeMB: config.limits.minFreeDiskMB)
    }
    /// A recording ends after this long without speech.
    var recordSilenceSeconds: Double { 5 }
}
