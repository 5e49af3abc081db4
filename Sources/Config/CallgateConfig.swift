import CallgateCore
import Foundation

/// The configuration of `callgate serve`: read from YAML once at start and checked whole, so
/// that a typo stops the server with a message instead of running with a silent default.
///
/// Every field has the default documented in docs/configuration.md; `embeddedDefaultYAML`
/// spells them all out.
public struct CallgateConfig: Sendable, Hashable {
    public var sip = SIP()
    public var rtp = RTP()
    public var http = HTTP()
    /// The SQLite database, recordings, caches.
    public var dataDir: ConfigPath
    /// The folder route scenarios are found in.
    public var scenariosDir: ConfigPath
    public var soundsDir: ConfigPath
    public var tts = TTS()
    /// What a party hears while the other holds the call (outside a queue: in one, the queue's
    /// `moh`), a sound file in `soundsDir`; nil: a soft built-in chime.
    public var musicOnHold: String?
    public var limits = Limits()
    /// How long recordings (and unused TTS cache entries) are kept under `dataDir`.
    public var recordings = Recordings()
    /// First match wins.
    public var routes: [Route] = []
    /// The ACD queues that `enqueue` actions and fallback queues name.
    public var queues: [QueueSettings] = []
    public var agents: [Agent] = []
    /// The first whose allow list matches carries an outbound call.
    public var trunks: [Trunk] = []
    /// The file the configuration came from, as named in error messages.
    public var file: String
    /// The absolute folder relative paths resolve against: the file's folder.
    public var baseDirectory: String

    /// A configuration with every default and no routes (which `validate` refuses).
    public init(file: String, baseDirectory: String) {
        self.file = file
        self.baseDirectory = baseDirectory
        dataDir = ConfigPath("var", relativeTo: baseDirectory)
        scenariosDir = ConfigPath("scenarios", relativeTo: baseDirectory)
        soundsDir = ConfigPath("sounds", relativeTo: baseDirectory)
    }
}

extension CallgateConfig {
    /// The SIP front.
    public struct SIP: Sendable, Hashable {
        /// UDP and TCP are both bound here.
        public var listen = HostPort(host: "127.0.0.1", port: 5060)
        /// The address put in SDP and Contact; defaults to the listen host.
        public var publicAddress = "127.0.0.1"
        /// The digest authentication realm; agents' HA1 hashes are computed with it.
        public var realm = "callgate"
        /// Calls up at once; more are refused with 503 and Retry-After.
        public var maxCalls = 200
        public var userAgent = "callgate"
        /// Failed digest logins: when they ban their source.
        public var auth = SIPAuth()
        /// Contacts one agent may have registered at once; one more replaces the oldest.
        public var maxContactsPerAgent = 3
        /// The largest SIP message accepted, in bytes; larger ones are refused.
        public var maxMessageBytes = 65_536
        /// A TCP connection with no traffic for this long is closed.
        public var tcpIdleSeconds = 300
        /// A message must arrive whole within this long of its first byte (slow senders are cut off).
        public var messageTimeoutSeconds = 10
        /// TCP connections one source address may hold open to the SIP port.
        public var maxTCPConnectionsPerSource = 32
        /// TCP connections all peers together may hold open to the SIP port.
        public var maxTCPConnections = 1024
        /// Phones behind a NAT are kept reachable this often: an OPTIONS to each of their
        /// bindings (one that does not answer is dropped) and CRLF on their TCP/TLS connections.
        /// 0 turns both off.
        public var natKeepaliveSeconds = 30
        /// Peers on these networks are on the engine's own side of its NAT: SDP offered to them
        /// carries `rtp.address`; every other peer gets `rtp.public_address`.
        public var localNetworks: [IPv4Network] = []
        /// SDES-SRTP for peers without their own `srtp`: callers, and numbers no agent or trunk owns.
        public var srtp = SRTPPolicy.optional
        /// Audio codecs in preference order (`pcmu`, `pcma`, `g722`, `opus`): what callers' offers
        /// are answered with, and the list for agents and trunks without their own.
        public var codecs = CallgateConfig.defaultCodecs
        /// SIP over TLS; nil (the default): no TLS listener.
        public var tls: TLS?
        /// A transfer target starting with this (`*8support`) puts the caller into that queue.
        public var transferQueuePrefix = "*8"
        /// How long a transfer from an operator's phone (or the API) rings its target before the
        /// caller goes back to the operator.
        public var transferRingSeconds = 30

        public init() {}
    }

    /// Media ports. RTP uses the even ports from `portMin` to `portMax`; the odd port above
    /// each is left for its RTCP.
    public struct RTP: Sendable, Hashable {
        /// The address RTP sockets bind to.
        public var address = "127.0.0.1"
        public var portMin = 20000
        public var portMax = 20998
        /// No RTP from the caller for this long hangs the call up.
        public var timeoutSeconds: Double = 30
        /// Symmetric RTP toward callers (agents and trunks have their own `rtp_latching`).
        public var latching = RTPLatching.signallingIP
        /// The media address put in SDP for peers outside `sip.local_networks`, when the engine
        /// sits behind a 1:1 NAT (a cloud VM); nil: `address`.
        public var publicAddress: String?

        /// The address to put in SDP for a peer whose signalling comes from `peerHost`.
        public func sdpAddress(forPeer peerHost: String, localNetworks: [IPv4Network]) -> String {
            guard let publicAddress, !localNetworks.contains(where: { $0.contains(peerHost) }) else { return address }
            return publicAddress
        }

        public init() {}

        /// How many calls' worth of RTP ports the range holds.
        public var portCount: Int { (portMax - portMin) / 2 + 1 }
    }

    /// The HTTP API and event stream.
    public struct HTTP: Sendable, Hashable {
        public var listen = HostPort(host: "127.0.0.1", port: 8080)
        /// The bearer token API requests must carry; nil leaves the API's protected endpoints off.
        public var token: String?
        /// A connection that sends nothing for this long is closed (a WebSocket client answers the
        /// server's pings, sent at half this period, so a live one never counts as idle).
        public var idleTimeoutSeconds = 60
        /// Open connections at once, WebSockets included; one more is answered 503 and closed.
        public var maxConnections = 256
        /// `GET /api/events` clients at once; one more is refused with 503.
        public var maxWebSocketClients = 32

        public init() {}

        /// The embedded default's token: public, so refused unless `listen` is a loopback address.
        public static let demoToken = "demo-token-change-me-0001"
    }

    /// Text to speech: a command run without a shell whose stdout is a WAV file.
    public struct TTS: Sendable, Hashable {
        /// Program and arguments; `{voice}` and `{text}` are replaced in each argument.
        public var command = ["espeak-ng", "-v", "{voice}", "--stdout", "{text}"]
        /// Used when a `say` action names no voice.
        public var voice = "en-us"

        public init() {}

        static let placeholders: Set = ["voice", "text"]

        /// The command with its placeholders filled in.
        public func arguments(text: String, voice: String? = nil) -> [String] {
            command.map {
                $0.replacingOccurrences(of: "{voice}", with: voice ?? self.voice).replacingOccurrences(of: "{text}", with: text)
            }
        }
    }

    /// Bounds on scenarios and calls.
    public struct Limits: Sendable, Hashable {
        /// Time a scenario has to reply to one event; a route may override it.
        public var scenarioDeadlineSeconds: Double = 3
        /// Most bytes read from a scenario's stdout (and separately stderr).
        public var scenarioOutputBytes = 1_048_576
        /// Scenario processes running at once, across all calls.
        public var scenarioProcesses = 32
        /// Scenario events per call before the call is ended as stuck in a loop.
        public var eventsPerCall = 200
        /// Largest size of a call's `vars`, as JSON.
        public var varsBytes = 65536
        /// Inbound calls in set-up at once (not yet answered, in early media or refused); a new
        /// INVITE beyond this gets 503 with Retry-After, so an overloaded engine sheds load at once
        /// instead of letting every call wait. Size it to calls per second × the scenario's set-up time.
        public var callsInSetup = 100
        /// Seconds put in Retry-After when `callsInSetup` turns an INVITE away.
        public var setupRetryAfterSeconds = 1
        /// A recording refuses to start (the route's fallback runs) while the file system holding
        /// `dataDir` has less free space than this, in MB; 0 turns the check off.
        public var minFreeDiskMB = 500

        public init() {}
    }

    /// Retention of what calls leave on disk.
    public struct Recordings: Sendable, Hashable {
        /// Recordings older than this many days, and TTS cache entries unused for as long, are
        /// deleted once a day; 0 keeps everything.
        public var keepDays = 0

        public init() {}
    }
}
