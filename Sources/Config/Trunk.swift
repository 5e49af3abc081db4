extension CallgateConfig {
    /// A carrier (or another PBX) that outbound calls to external numbers are sent to.
    public struct Trunk: Sendable, Hashable {
        public var name: String
        public var address: HostPort
        /// The external numbers that may be dialed through it.
        public var allow: [NumberPattern]
        /// Symmetric RTP toward the carrier; nil: `rtp.latching`.
        public var rtpLatching: RTPLatching?
        /// SDES-SRTP towards this carrier and on calls from its address; nil: `sip.srtp`.
        public var srtp: SRTPPolicy? = nil
        /// The carrier's audio codecs in preference order; empty: `sip.codecs`.
        public var codecs: [String] = []
        /// `tls`: calls are sent with `;transport=tls`.
        public var transport: Transport = .any
        /// Our account at the carrier: digest credentials for its challenges, and REGISTER.
        /// nil: the carrier trusts our address (no challenge is answered, nothing is registered).
        public var account: Account?

        public init(name: String, address: HostPort, allow: [NumberPattern]) {
            self.name = name
            self.address = address
            self.allow = allow
        }

        public func allows(_ number: String) -> Bool { allow.contains { $0.matches(number) } }
    }
}
