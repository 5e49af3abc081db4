extension CallgateConfig.Trunk {
    /// Our account at a carrier: who we are in its digest challenges and registrations. The
    /// password itself is not here: `secret` says where to read it at start-up
    /// (``CallgateConfig/trunkPassword(_:environment:)``).
    public struct Account: Sendable, Hashable {
        /// The account name: the user of From and of the REGISTER's To and Contact.
        public var username: String
        /// The digest user name when the carrier gives one apart from the account; nil: `username`.
        public var authUsername: String?
        /// The digest realm to answer; nil: whichever realm the carrier's challenge names.
        public var realm: String?
        /// Where the password comes from.
        public var secret: Secret
        /// REGISTER with the carrier at start-up, keep it refreshed, un-REGISTER at shutdown.
        public var register = false
        /// The expiry asked for in REGISTER, in seconds (60...86400).
        public var registerExpires = 3600
        /// The domain of From and of the registration's address of record; nil: the trunk's host.
        public var fromDomain: String?

        public init(username: String, secret: Secret) {
            self.username = username
            self.secret = secret
        }

        /// The user name digest responses carry.
        public var digestUsername: String { authUsername ?? username }
    }

    /// Where a carrier password is kept. An environment variable or a file readable only by the
    /// engine keeps it out of the configuration file; a literal is allowed for tests and labs.
    public enum Secret: Sendable, Hashable {
        /// `password_env: NAME`: the variable's value at start-up.
        case environment(String)
        /// `password_file: path`: the file's content at start-up, without its final line break.
        case file(ConfigPath)
        /// `password: text`: in clear in the configuration file.
        case literal(String)

        /// The key it was written under, for messages.
        public var key: String {
            switch self {
            case .environment: "password_env"
            case .file: "password_file"
            case .literal: "password"
            }
        }
    }
}
