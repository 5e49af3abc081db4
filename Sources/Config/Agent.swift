extension CallgateConfig {
    /// A person with a phone: registers as `extension`, takes queue calls.
    public struct Agent: Sendable, Hashable {
        /// 2 to 10 digits; also the SIP user name.
        public var `extension`: String
        public var name: String
        /// `md5:` and the hex HA1 = MD5("extension:realm:password"), as `callgate passwd` prints it.
        public var passwordHash: String
        /// Skill name → level 1–10, matched against the skills an `enqueue` asks for.
        public var skills: [String: Int]
        /// The queues the agent serves, each a configured queue; a login without a list joins them all.
        public var queues: [String]
        /// Symmetric RTP toward this agent's phone; nil: `rtp.latching`.
        public var rtpLatching: RTPLatching?
        /// SDES-SRTP on this agent's calls; nil: `sip.srtp`.
        public var srtp: SRTPPolicy? = nil
        /// The agent's audio codecs in preference order; empty: `sip.codecs`.
        public var codecs: [String] = []
        /// `tls`: the phone must register and call over TLS, and is called over TLS.
        public var transport: Transport = .any
        /// The queues whose calls this agent may supervise (listen, whisper, barge); `*`: every
        /// queue. Empty: not a supervisor.
        public var supervises: [String] = []

        /// Whether this agent may supervise a call of `queue`.
        public func maySupervise(queue: String) -> Bool {
            supervises.contains("*") || supervises.contains(queue)
        }

        public init(extension: String, name: String, passwordHash: String, skills: [String: Int] = [:], queues: [String] = []) {
            self.extension = `extension`
            self.name = name
            self.passwordHash = passwordHash
            self.skills = skills
            self.queues = queues
        }

        /// The 32 hex digits of HA1, without the `md5:` scheme.
        public var ha1: String { String(passwordHash.dropFirst(CallgateConfig.md5Prefix.count)) }
    }

    static let md5Prefix = "md5:"
}
