/// Bans sources that keep failing digest authentication. Pure: time (seconds since 1970) is
/// passed in, so tests drive it without sockets or clocks.
///
/// Two rules, both with `limits.maxFailures` failures in `limits.failureWindowSeconds`:
/// - per source: that many failures from one IP address, whatever extensions they named, ban the
///   address for `limits.banSeconds`: every request from it is refused.
/// - per extension: that many failures against one extension, from any number of addresses, put
///   it under attack; from then on each address that fails against it is banned for that
///   extension at once (a `(source, extension)` ban), so spreading guesses over many addresses
///   buys an attacker little.
///
/// A ban only ever hits an address that sent wrong credentials itself: an attacker at address A
/// cannot lock agent 1001 out at address B, however often A fails as 1001.
/// - warning: Over UDP a source address can be forged; a forger can get an address banned but
///   never learns a password from it. TCP or TLS makes forging impractical.
public struct AuthThrottle: Sendable {
    public let limits: AuthLimits
    private var failures: [Key: [Int]] = [:]
    private var bans: [Key: AuthBan] = [:]

    private enum Key: Hashable {
        case source(String)
        case `extension`(String)
        case pair(String, String)
    }

    /// Sources, extensions and pairs remembered now (failures and bans): never above `limits.capacity`.
    public var trackedCount: Int { failures.count + bans.count }

    public init(limits: AuthLimits) {
        self.limits = limits
    }

    /// The ban that refuses a request from `source` for `extension` (nil when it may proceed).
    public func ban(source: String, extension: String?, now: Int) -> AuthBan? {
        if let ban = bans[.source(source)], ban.until > now { return ban }
        if let `extension`, let ban = bans[.pair(source, `extension`)], ban.until > now { return ban }
        return nil
    }

    /// Counts a failed attempt; returns the bans it started (empty most of the time), so the
    /// caller logs each ban once.
    public mutating func recordFailure(source: String, extension: String, now: Int) -> [AuthBan] {
        // Banned requests are refused before any check; should one get here, it changes nothing.
        if ban(source: source, extension: `extension`, now: now) != nil { return [] }
        var started: [AuthBan] = []
        let fromSource = note(.source(source), now: now)
        let againstExtension = note(.extension(`extension`), now: now)
        let fromPair = note(.pair(source, `extension`), now: now)
        if fromSource >= limits.maxFailures {
            started.append(startBan(.source(source), source: source, extension: nil, failures: fromSource, now: now))
        } else if againstExtension >= limits.maxFailures {
            started.append(startBan(.pair(source, `extension`), source: source, extension: `extension`,
                                    failures: fromPair, now: now))
        }
        if failures.count + bans.count > limits.capacity { prune(now: now) }
        return started
    }

    /// A right password: the address's failures for that extension are forgotten (its failures
    /// as a source still count, so mixing right and wrong guesses does not reset the source rule).
    public mutating func recordSuccess(source: String, extension: String) {
        failures[.pair(source, `extension`)] = nil
    }

    /// Bans in force at `now`, the longest-lasting first.
    public func activeBans(now: Int) -> [AuthBan] {
        bans.values.filter { $0.until > now }.sorted {
            ($0.until, $0.source, $0.extension ?? "") > ($1.until, $1.source, $1.extension ?? "")
        }
    }

    /// Appends a failure at `now`, drops those outside the window; returns how many remain.
    private mutating func note(_ key: Key, now: Int) -> Int {
        var times = failures[key, default: []].filter { $0 > now - limits.failureWindowSeconds }
        times.append(now)
        if times.count > limits.maxFailures { times.removeFirst(times.count - limits.maxFailures) }
        failures[key] = times
        return times.count
    }

    private mutating func startBan(_ key: Key, source: String, extension: String?, failures count: Int, now: Int) -> AuthBan {
        let ban = AuthBan(source: source, extension: `extension`, until: now + limits.banSeconds, failures: count)
        bans[key] = ban
        failures[key] = nil
        return ban
    }

    /// Forgets what no longer matters; if that is not enough, the stalest failures and then the
    /// soonest-ending bans, down to nine tenths of the capacity.
    private mutating func prune(now: Int) {
        failures = failures.filter { ($0.value.last ?? .min) > now - limits.failureWindowSeconds }
        bans = bans.filter { $0.value.until > now }
        let target = limits.capacity * 9 / 10
        if failures.count + bans.count > target {
            let excess = min(failures.count, failures.count + bans.count - target)
            for key in failures.sorted(by: { ($0.value.last ?? 0) < ($1.value.last ?? 0) }).prefix(excess).map(\.key) {
                failures[key] = nil
            }
        }
        if bans.count > target {
            for key in bans.sorted(by: { $0.value.until < $1.value.until }).prefix(bans.count - target).map(\.key) {
                bans[key] = nil
            }
        }
    }
}
