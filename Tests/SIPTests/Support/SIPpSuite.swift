import Testing

/// Every test that runs SIPp against a live stack, one at a time: they spawn processes and
/// threads, and the machine has 2 cores.
@Suite(.serialized) struct SIPpTests {}

/// Fails the test with SIPp's logs when it did not exit 0.
func expectSuccess(_ run: (sipp: SIPp, status: Int32), sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(run.status == 0, "SIPp exited \(run.status)\n\(run.sipp.diagnostics)", sourceLocation: sourceLocation)
}
