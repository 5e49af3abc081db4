extension CallgateConfig {
    /// A carrier (or another PBX) that outbound calls to external numbers are sent to.
    public struct Trunk: Sendable, Hashable {
        public var name: String
        public var address: HostPort
        /// The external numbers that may be dialed through it.
        public var allow: [NumberPattern]
        /// `tls`: calls are sent with `;transport=tls`.
        public var transport: Transport = .any

        public init(name: String, address: HostPort, allow: [NumberPattern]) {
            self.name = name
            self.address = address
            self.allow = allow
        }

        public func allows(_ number: String) -> Bool { allow.contains { $0.matches(number) } }
    }
}
