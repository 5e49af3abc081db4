import Logging
import Synchronization
import Testing
@testable import Engine

/// The net under every log line: whatever a caller sent, one log call prints one line.
@Suite struct LineSafeLogHandlerTests {
    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
        var all: [String] { lines.withLock { $0 } }
    }

    /// Prints each event the way StreamLogHandler does, message then metadata, into `Lines`.
    struct PrintingHandler: LogHandler {
        let sink: Lines
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            let meta = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            let text = "\(event.level): \(event.message) \(meta)"
            sink.lines.withLock { $0.append(contentsOf: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)) }
        }
    }

    @Test func aCRLFFromACallerStaysOnItsLine() {
        let sink = Lines()
        var logger = Logger(label: "t") { _ in LineSafeLogHandler(PrintingHandler(sink: sink)) }
        logger[metadataKey: "sip.from"] = "1001\r\nwarning: forged"
        let user = "1001\r\ninfo: call from 9999 to 100"
        logger.info("call from \(user) to 100", metadata: ["ua": .stringConvertible("Evil\nUA"),
                                                            "list": .array([.string("a\nb")]),
                                                            "map": .dictionary(["k": .string("c\r\nd")])])
        #expect(sink.all.count == 1)
        #expect(sink.all.first?.contains(#"1001\r\ninfo: call from 9999 to 100"#) == true)
        #expect(sink.all.first?.contains(#"sip.from=1001\r\nwarning: forged"#) == true)
        #expect(sink.all.first?.contains(#"Evil\nUA"#) == true)
    }

    @Test func withoutTheWrapperTheSameCallPrintsTwoLines() {
        // The test above can fail: the printing handler does split on a raw newline.
        let sink = Lines()
        let logger = Logger(label: "t") { _ in PrintingHandler(sink: sink) }
        logger.info("call from \("1001\ninfo: forged")")
        #expect(sink.all.count == 2)
    }

    @Test func levelPassesThrough() {
        let sink = Lines()
        var logger = Logger(label: "t") { _ in LineSafeLogHandler(PrintingHandler(sink: sink)) }
        logger.logLevel = .warning
        logger.info("dropped")
        logger.warning("kept")
        #expect(sink.all == ["warning: kept "])
    }
}
