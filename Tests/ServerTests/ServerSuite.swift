import Testing

/// Every test here starts a real engine and real peers; they run one at a time so that a shared
/// 2-core machine gives each call the time it needs.
@Suite(.serialized) struct ServerSuite {}
