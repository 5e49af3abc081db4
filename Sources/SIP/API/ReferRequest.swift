/// A REFER received in a call's dialog, as the engine needs it: where to transfer the call.
public struct ReferRequest: Sendable, Hashable {
    /// Refer-To's URI with its `?headers` (Replaces for an attended transfer), as sent; nil when
    /// the header was missing, unparsable or unreasonably long.
    public var referTo: String?
    /// Referred-By's URI (Sofia fills in From when the phone sent none).
    public var referredBy: String?

    public init(referTo: String?, referredBy: String? = nil) {
        self.referTo = referTo
        self.referredBy = referredBy
    }

    /// A Refer-To longer than this is refused with 400 (a transfer target is a number or a short URI).
    public static let maximumReferToLength = 2048
}
