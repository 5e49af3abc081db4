import ArgumentParser
import Config
import Foundation
import SIP

/// Loads `--config FILE`, or the embedded default when none is given, and checks it whole.
enum ConfigLoading {
    static func load(_ file: String?, checkFiles: Bool) throws -> CallgateConfig {
        do {
            let config = try file.map { try CallgateConfig.load(file: $0) } ?? CallgateConfig.embeddedDefault()
            try config.validate(checkFiles: checkFiles)
            return config
        } catch let error as ConfigError {
            // The message names the file, the key and what is wrong; print it as it is.
            FileHandle.standardError.write(Data("callgate: \(error)\n".utf8))
            throw ExitCode(78)  // EX_CONFIG
        }
    }

    /// `sip.tls`'s certificate and key, checked before anything starts: a missing file, one that
    /// is not PEM, a key of another certificate or an expired certificate stops `serve` like any
    /// other configuration error, naming the key and the file.
    static func checkTLS(_ config: CallgateConfig) throws {
        guard let tls = config.sip.tls else { return }
        do {
            try TLSMaterial.check(certificate: tls.certificate.resolved, key: tls.key.resolved)
        } catch {
            let key = error.role == .key ? "sip.tls.key" : "sip.tls.certificate"
            let problem = ConfigError(file: config.file, keyPath: key, message: error.description)
            FileHandle.standardError.write(Data("callgate: \(problem)\n".utf8))
            throw ExitCode(78)  // EX_CONFIG
        }
    }
}
