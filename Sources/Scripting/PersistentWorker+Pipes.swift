import Logging
import Subprocess

/// The worker's side of its pipes: events go to stdin, answers and log lines come from stdout and
/// stderr, each in its own task inside `Subprocess.run`, so no pipe can block the engine.
extension PersistentWorker {
    func serve(_ execution: Execution<CustomWriteInput, SequenceOutput, SequenceOutput>) async {
        await withTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                // A worker that stopped reading fails its write; the reader then sees its end.
                for await line in self.events {
                    do { _ = try await execution.standardInputWriter.write(line) } catch { break }
                }
                try? await execution.standardInputWriter.finish()
            }
            tasks.addTask {
                await self.readStdout(execution.standardOutput)
                await self.stdoutClosed()
            }
            tasks.addTask { await self.readStderr(execution.standardError) }
        }
    }

    private func readStdout(_ output: SubprocessOutputSequence) async {
        var splitter = LineSplitter(limit: limit)
        var discarding = false
        do {
            for try await chunk in output {
                guard !discarding else { continue }
                let lines = chunk.withUnsafeBytes { splitter.append($0) }
                for line in lines where !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                    guard mailbox.post(.line(line)) else {
                        logger.error("persistent scenario wrote a line no event asked for (one line per event); replacing it")
                        retire()
                        discarding = true
                        break
                    }
                }
                if splitter.overflowed, !discarding {
                    logger.error("persistent scenario wrote a stdout line over \(limit) bytes; replacing it")
                    _ = mailbox.post(.overflow(stream: "stdout"))
                    retire()
                    discarding = true
                }
            }
        } catch {}
    }

    /// A worker without stdout is of no use: give it a moment to exit by itself (so its own exit
    /// status is kept), then kill its group, children included.
    private func stdoutClosed() async {
        markUnusable()
        let exited = await withTaskGroup(of: Bool.self) { tasks in
            tasks.addTask {
                await self.group.waitForExit()
                return true
            }
            tasks.addTask {
                try? await Task.sleep(for: .milliseconds(500))
                return false
            }
            let first = await tasks.next() ?? false
            tasks.cancelAll()
            // waitForExit cannot be cancelled: the kill is what ends it.
            if !first { self.retire() }
            return first
        }
        if exited { group.kill() }
        outgoing.finish()
    }

    private func readStderr(_ output: SubprocessOutputSequence) async {
        var splitter = LineSplitter(limit: limit)
        var discarding = false
        do {
            for try await chunk in output {
                guard !discarding else { continue }
                let lines = chunk.withUnsafeBytes { splitter.append($0) }
                let (callID, over) = state.withLock { state in
                    state.stderrBytes += chunk.count
                    return (state.callID, state.stderrBytes > limit || splitter.overflowed)
                }
                for line in lines { logStderr(String(decoding: line, as: UTF8.self), callID: callID) }
                if over {
                    logger.error("persistent scenario wrote more than \(limit) bytes on stderr during one event; replacing it")
                    _ = mailbox.post(.overflow(stream: "stderr"))
                    retire()
                    discarding = true
                }
            }
            if let rest = splitter.remainder { logStderr(String(decoding: rest, as: UTF8.self), callID: state.withLock { $0.callID }) }
        } catch {}
    }

    private func logStderr(_ text: String, callID: String?) {
        var metadata: Logger.Metadata = [:]
        if let callID { metadata["call.id"] = "\(callID)" }
        logger.warning("scenario stderr: \(text)", metadata: metadata)
        state.withLock { state in
            if state.callID != nil { state.eventStderr.append(text) }
            state.stderrTail.append(text)
            if state.stderrTail.count > 3 { state.stderrTail.removeFirst() }
        }
    }
}
