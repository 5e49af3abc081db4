/// How long a REGISTER binding lasts. Pure.
public enum RegistrarPolicy {
    public static let defaultExpires = 3600
    public static let minExpires = 60
    public static let maxExpires = 3600

    /// The contact's `expires` parameter wins over the Expires header; neither means 3600.
    /// 0 stays 0 (removal); anything else is clamped to 60...3600.
    public static func expires(contactParameter: Int?, header: Int?) -> Int {
        let asked = contactParameter ?? header ?? defaultExpires
        if asked <= 0 { return 0 }
        return min(max(asked, minExpires), maxExpires)
    }
}
