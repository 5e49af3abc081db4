import ArgumentParser
import Config
import Engine
import Foundation
import Logging
import Server

/// `callgate serve`: answers real calls on SIP and runs their scenarios.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the engine: SIP, RTP, scenarios, call records and the HTTP API.",
        discussion: "Without --config, an embedded default: SIP on 127.0.0.1:5060, HTTP on 127.0.0.1:8080, the demo IVR on every number, demo agents 1001-1003. SIGTERM ends every call cleanly.")

    @Option(help: "The YAML configuration file (docs/configuration.md).")
    var config: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical; got \(logLevel)")
        }
    }

    func run() async throws {
        let settings = try ConfigLoading.load(config, checkFiles: true)
        try ConfigLoading.checkTLS(settings)
        LoggingSystem.bootstrap { label in
            // One log call, one line: a CR/LF from a caller's From or User-Agent is shown escaped.
            var handler = LineSafeLogHandler(StreamLogHandler.standardError(label: label))
            handler.logLevel = Logger.Level(rawValue: logLevel) ?? .info
            return handler
        }
        let logger = Logger(label: "callgate")
        logger.info("callgate \(CallgateServer.version) starting with \(settings.file)")
        do {
            try await CallgateServer(config: settings, logger: logger).run()
        } catch {
            logger.critical("callgate stopped: \(error)")
            throw ExitCode(1)
        }
    }
}
