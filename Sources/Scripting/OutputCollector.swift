import Logging
import Subprocess

/// What a scenario wrote, within the output limit.
struct CollectedOutput: Sendable {
    var stdout: [UInt8] = []
    var stderrLines: [String] = []
    /// "stdout" or "stderr" when that stream went over the limit.
    var overflow: String?
}

/// Feeds stdin, drains stdout and stderr up to the limit, and kills the process group as soon as the
/// main process exits, so a background child that keeps stdout open cannot hold the call.
func collect(_ execution: Execution<CustomWriteInput, SequenceOutput, SequenceOutput>, input: [UInt8], limit: Int,
             group: ProcessGroup, logger: Logger) async -> CollectedOutput {
    enum Part: Sendable { case stdout([UInt8], Bool), stderr([String], Bool), done }
    return await withTaskGroup(of: Part.self) { tasks in
        tasks.addTask {
            // A scenario may exit without reading stdin: that write error is not a failure.
            _ = try? await execution.standardInputWriter.write(input)
            try? await execution.standardInputWriter.finish()
            return .done
        }
        tasks.addTask {
            var bytes: [UInt8] = []
            do {
                for try await chunk in execution.standardOutput {
                    chunk.withUnsafeBytes { bytes.append(contentsOf: $0) }
                    if bytes.count > limit {
                        group.kill()
                        return .stdout(Array(bytes.prefix(limit)), true)
                    }
                }
            } catch {}
            return .stdout(bytes, false)
        }
        tasks.addTask {
            var pending: [UInt8] = []
            var lines: [String] = []
            var total = 0
            func flush(_ line: ArraySlice<UInt8>) {
                let text = String(decoding: line, as: UTF8.self)
                logger.warning("scenario stderr: \(text)")
                lines.append(text)
            }
            do {
                for try await chunk in execution.standardError {
                    total += chunk.count
                    chunk.withUnsafeBytes { pending.append(contentsOf: $0) }
                    if total > limit {
                        group.kill()
                        return .stderr(lines, true)
                    }
                    while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                        flush(pending[..<newline])
                        pending.removeSubrange(...newline)
                    }
                }
            } catch {}
            if !pending.isEmpty { flush(pending[...]) }
            return .stderr(lines, false)
        }
        tasks.addTask {
            await group.waitForExit()
            group.kill()
            return .done
        }
        var output = CollectedOutput()
        for await part in tasks {
            switch part {
            case .stdout(let bytes, let over):
                output.stdout = bytes
                if over { output.overflow = "stdout" }
            case .stderr(let lines, let over):
                output.stderrLines = lines
                if over, output.overflow == nil { output.overflow = "stderr" }
            case .done:
                break
            }
        }
        return output
    }
}
