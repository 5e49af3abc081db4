import Foundation

/// A pattern that a phone number is matched against: in a route's `match` and a trunk's `allow`.
///
/// - `100`: exactly that number;
/// - `+1555*`, `10?`: a glob over the whole number, `*` for any run of characters, `?` for one;
/// - `/^\+4930/`: a regular expression (ICU syntax) between slashes, found anywhere in the number
///   unless anchored with `^` and `$`.
public struct NumberPattern: Sendable, Hashable, CustomStringConvertible {
    /// How the pattern is read: chosen from its text at load.
    public enum Kind: Sendable, Hashable {
        case exact, glob, regex
    }

    /// The pattern as written in the configuration.
    public let text: String
    public let kind: Kind
    private let regex: CompiledRegex?

    /// Compiles the pattern once, at load; the error message says what is wrong with it.
    public init(_ text: String) throws(PatternError) {
        self.text = text
        guard !text.isEmpty else { throw PatternError(message: "must not be empty") }
        if text.count >= 2, text.hasPrefix("/"), text.hasSuffix("/") {
            let source = String(text.dropFirst().dropLast())
            guard !source.isEmpty else { throw PatternError(message: "// is an empty regular expression") }
            kind = .regex
            regex = try CompiledRegex(source)
        } else {
            kind = text.contains(where: { $0 == "*" || $0 == "?" }) ? .glob : .exact
            regex = nil
        }
    }

    public func matches(_ number: String) -> Bool {
        switch kind {
        case .exact: number == text
        case .glob: Self.glob(Array(text), matches: Array(number))
        case .regex: regex?.firstMatch(in: number) ?? false
        }
    }

    public var description: String { text }

    public static func == (a: NumberPattern, b: NumberPattern) -> Bool { a.text == b.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    /// Iterative glob matching: on a mismatch, let the last `*` swallow one more character.
    static func glob(_ pattern: [Character], matches text: [Character]) -> Bool {
        var p = 0, t = 0
        var star: Int?
        var resume = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == "?" || (pattern[p] != "*" && pattern[p] == text[t]) {
                p += 1
                t += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = p
                resume = t
                p += 1
            } else if let star {
                p = star + 1
                resume += 1
                t = resume
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}

/// Why a number pattern does not compile.
public struct PatternError: Error, Sendable, Hashable {
    public var message: String
}

/// An ICU regular expression: documented as immutable and safe to share between threads,
/// which Swift's `Regex` does not promise (it is not `Sendable`).
private struct CompiledRegex: Sendable {
    let expression: NSRegularExpression

    init(_ source: String) throws(PatternError) {
        do {
            expression = try NSRegularExpression(pattern: source)
        } catch {
            // ICU only says "invalid"; Swift's parser usually says why.
            var reason = ""
            do { _ = try Regex(source) } catch { reason = ": \(error)" }
            throw PatternError(message: "/\(source)/ is not a valid regular expression\(reason)")
        }
    }

    func firstMatch(in number: String) -> Bool {
        expression.firstMatch(in: number, range: NSRange(number.startIndex..., in: number)) != nil
    }
}
