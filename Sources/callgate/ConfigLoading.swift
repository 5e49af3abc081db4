import ArgumentParser
import Config
import Foundation

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
}
