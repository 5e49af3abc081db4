import Subprocess
import SystemPackage

/// Runs one helper program (sox, the TTS command) directly, never through a shell, with a timeout,
/// and returns its standard output.
enum ToolRunner {
    enum Failure: Error, Sendable {
        case notFound(String)
        /// Exit status (or signal) and the last line of standard error.
        case failed(String)
        case timedOut
    }

    static let outputLimit = 64 << 20
    static let errorLimit = 64 << 10

    static func run(_ argv: [String], input: [UInt8]? = nil, timeout: Duration) async -> Result<[UInt8], Failure> {
        guard let command = argv.first else { return .failure(.notFound("(empty command)")) }
        let executable: Executable = command.contains("/") ? .path(FilePath(command)) : .name(command)
        let arguments = Arguments(Array(argv.dropFirst()))
        var options = PlatformOptions()
        // On timeout the task is cancelled: SIGTERM, then SIGKILL if it lingers.
        options.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: .milliseconds(200))]

        let work: @Sendable () async -> Result<[UInt8], Failure> = { [options] in
            do {
                let status: TerminationStatus
                let output: [UInt8]
                let errors: [UInt8]
                if let input {
                    let result = try await Subprocess.run(executable, arguments: arguments, platformOptions: options,
                                                          input: .array(input), output: .bytes(limit: outputLimit),
                                                          error: .bytes(limit: errorLimit))
                    (status, output, errors) = (result.terminationStatus, result.standardOutput, result.standardError)
                } else {
                    let result = try await Subprocess.run(executable, arguments: arguments, platformOptions: options,
                                                          output: .bytes(limit: outputLimit), error: .bytes(limit: errorLimit))
                    (status, output, errors) = (result.terminationStatus, result.standardOutput, result.standardError)
                }
                guard status.isSuccess else { return .failure(.failed(describe(status, errors))) }
                return .success(output)
            } catch let error as SubprocessError where error.code == .executableNotFound {
                return .failure(.notFound(command))
            } catch {
                return .failure(.failed("\(error)"))
            }
        }

        return await withTaskGroup(of: Result<[UInt8], Failure>?.self) { group in
            group.addTask { await work() }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? .failure(.timedOut)
        }
    }

    private static func describe(_ status: TerminationStatus, _ errors: [UInt8]) -> String {
        let lastLine = String(decoding: errors, as: UTF8.self)
            .split(whereSeparator: \.isNewline).last.map(String.init) ?? ""
        let how = switch status {
        case .exited(let code): "exit status \(code)"
        case .signaled(let signal): "killed by signal \(signal)"
        }
        return lastLine.isEmpty ? how : "\(how): \(lastLine)"
    }
}
