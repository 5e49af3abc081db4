import Config
import Media
import SIP
import Storage

/// What every call's edge shares: the SIP stack, the media engine, prompts, the registrar and settings.
struct EdgeServices: Sendable {
    let sip: SIPStack
    let mediaEngine: MediaEngine
    let prompts: PromptLibrary
    let registrar: Registrar
    let config: CallgateConfig
    let store: CallStore
    let hub: EventHub
    weak var router: CallRouter?
    weak var queues: QueueManager?

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
