/// The shared secret of the API (`http.token` in the configuration), compared in constant time.
struct APIToken: Sendable {
    private let bytes: [UInt8]

    var isEmpty: Bool { bytes.isEmpty }

    init(_ token: String) {
        bytes = Array(token.utf8)
    }

    /// Whether `presented` is the token. The time taken depends only on the lengths, never on where
    /// the first wrong byte is, so the token cannot be guessed byte by byte.
    func matches(_ presented: some StringProtocol) -> Bool {
        guard !bytes.isEmpty else { return false }
        let candidate = Array(presented.utf8)
        var difference: UInt8 = candidate.count == bytes.count ? 0 : 1
        for index in bytes.indices {
            difference |= bytes[index] ^ (index < candidate.count ? candidate[index] : 0)
        }
        return difference == 0
    }
}
