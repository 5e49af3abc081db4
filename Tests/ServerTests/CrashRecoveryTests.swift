import Foundation
import Storage
import Testing

/// `kill -9` under load, then a restart on the same data folder: every call SIPp saw answered has
/// its row, and the restart closes the rows left open as `engine_restart` (issue 10, item 6).
extension ServerSuite {
    @Suite(.serialized) struct CrashRecoveryTests {
        @Test func callsUpWhenTheEngineIsKilledHaveRowsClosedAtRestart() async throws {
            // hold.sh answers and waits 60 s for a key: every call stays up until the engine dies.
            let engine = try EngineUnderTest(scenarios: ["hold.sh": TestScenarios.hold],
                                             routes: "  - match: \"*\"\n    scenario: hold.sh", rtpTimeout: 60)
            try await engine.waitUntilReady()
            let peer = try RTPPeer()  // the callers' media port: receives the hold music
            let calls = 20
            let caller = try SIPpCaller(engine: engine, calls: calls, rate: 10, set: ["caller": "5551234", "rtp_port": "\(peer.port)"])
            defer { caller.stop() }

            // Kill while the load is still arriving: at least half the calls answered and up.
            let halfUp = await eventually(within: 30) {
                let up = (try? await engine.health()["active_calls"]) as? Int ?? 0
                return up >= calls / 2 && caller.answeredCallIDs().count >= calls / 2
            }
            #expect(halfUp, "calls up: \(caller.answeredCallIDs().count) answered\n\(caller.output())\n\(engine.log())")
            engine.kill9()
            #expect(await eventually(within: 10) { !engine.isRunning }, "kill -9 ends the engine")
            caller.stop()
            let answered = caller.answeredCallIDs()
            #expect(answered.count >= calls / 2, "\(answered.count) calls answered before the kill")

            // The same configuration and data folder, started again.
            let restarted = try RestartedEngine(engine)
            defer { restarted.stop() }
            try await restarted.waitUntilReady(engine)

            let store = try CallStore(path: engine.directory.appendingPathComponent("var/callgate.sqlite").path)
            let rows = try await store.recentCalls(limit: 500)
            let bySIPCallID = Dictionary(rows.map { ($0.sipCallID, $0) }, uniquingKeysWith: { first, _ in first })
            for callID in answered.sorted() {
                let row = try #require(bySIPCallID[callID], "no call row for \(callID), which SIPp saw answered")
                #expect(row.disposition == "engine_restart", "\(callID)")
                #expect(row.hangupBy == "engine", "\(callID)")
                #expect(row.hangupReason == CallStore.leftOpenReason, "\(callID)")
                let endedAt = try #require(row.endedAt, "\(callID)")
                #expect(endedAt >= row.startedAt && endedAt <= Date(), "\(callID): ended \(endedAt), started \(row.startedAt)")
                #expect(row.durationSeconds.map { abs(endedAt.timeIntervalSince(row.startedAt) - $0) < 0.001 } == true, "\(callID)")
                // The scenario's call.start and its answer are in the trail the row's end comes from.
                #expect(try await store.trail(callID: row.id).isEmpty == false, "\(callID)")
            }
            // Nothing ended while the engine lived: every row is one the restart closed, none is still open.
            #expect(rows.count >= answered.count)
            #expect(rows.allSatisfy { $0.disposition == "engine_restart" && $0.endedAt != nil },
                    "\(rows.filter { $0.disposition != "engine_restart" }.map { "\($0.id): \($0.disposition ?? "open")" })")
            let line = "closed \(rows.count) call record(s) left open by an engine that did not stop cleanly"
            #expect(await eventually(within: 5) { restarted.log().contains(line) }, "\(restarted.log())")
            // A clean stop and a third start: nothing is left open, nothing is logged.
            #expect(restarted.stop() == 0, "\(restarted.log())")
            let third = try RestartedEngine(engine)
            defer { third.stop() }
            try await third.waitUntilReady(engine)
            #expect(!third.log().contains("left open"), "\(third.log())")
            #expect(try await store.recentCalls(limit: 500).count == rows.count)
        }
    }
}

extension EngineUnderTest {
    /// SIGKILL, as an out-of-memory kill or a crash would end the engine: nothing runs after it.
    func kill9() {
        if isRunning { kill(pid, SIGKILL) }
    }
}

/// Another `callgate serve` on a killed engine's configuration, ports and data folder; stopped by
/// its PID before the first engine's folder goes.
final class RestartedEngine: @unchecked Sendable {
    private let process = Process()
    private let logFile: URL

    init(_ engine: EngineUnderTest) throws {
        logFile = engine.directory.appendingPathComponent("engine-restart-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let handle = try FileHandle(forWritingTo: logFile)
        process.executableURL = EngineUnderTest.binary
        process.arguments = ["serve", "--config", engine.configPath, "--log-level", "info"]
        process.currentDirectoryURL = engine.directory
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    /// Waits, with a bound, until the engine answers on the first engine's HTTP port.
    func waitUntilReady(_ engine: EngineUnderTest, within seconds: Double = 20) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            guard process.isRunning else { throw EngineError.exited(log()) }
            if (try? await engine.health()) != nil { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw EngineError.notReady(log())
    }

    func log() -> String {
        (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
    }

    /// SIGTERM, then wait (bounded) for a clean exit; SIGKILL only if it hangs.
    @discardableResult
    func stop(within seconds: Double = 15) -> Int32 {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
        return process.terminationStatus
    }

    deinit { stop() }
}

/// SIPp placing a bounded load of calls that stay up (uac-ivr.xml), its messages traced to a file so
/// the test knows which calls it saw answered; stopped by its PID.
final class SIPpCaller: @unchecked Sendable {
    private let process = Process()
    private let messageFile: URL
    private let logFile: URL

    init(engine: EngineUnderTest, calls: Int, rate: Int, set variables: [String: String]) throws {
        let stem = FileManager.default.temporaryDirectory.appendingPathComponent("callgate-sipp-\(UUID().uuidString)")
        messageFile = stem.appendingPathExtension("messages")
        logFile = stem.appendingPathExtension("log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let handle = try FileHandle(forWritingTo: logFile)
        var arguments = ["-sf", SIPp.scenarios.appendingPathComponent("uac-ivr.xml").path, "127.0.0.1:\(engine.sipPort)",
                         "-i", "127.0.0.1", "-p", "\(try Ports.free())", "-m", "\(calls)", "-r", "\(rate)", "-l", "\(calls)",
                         "-nostdin", "-timeout", "90s", "-recv_timeout", "90000", "-s", "100", "-mp", "\(try Ports.freeEvenRange(count: 4, in: Ports.peerMedia))",
                         "-trace_msg", "-message_file", messageFile.path]
        for (name, value) in variables.sorted(by: { $0.key < $1.key }) { arguments += ["-set", name, value] }
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sipp")
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    /// The Call-IDs of the calls whose INVITE SIPp saw a 200 OK for (SIPp writes each message as it goes).
    func answeredCallIDs() -> Set<String> {
        let text = (try? String(contentsOf: messageFile, encoding: .utf8)) ?? ""
        var answered: Set<String> = []
        for block in text.components(separatedBy: "-----------------------------------------------") where block.contains("message received") {
            let lines = block.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            guard lines.contains(where: { $0.hasPrefix("SIP/2.0 200") }),
                  lines.contains(where: { $0.lowercased().hasPrefix("cseq:") && $0.uppercased().hasSuffix(" INVITE") }),
                  let header = lines.first(where: { $0.lowercased().hasPrefix("call-id:") })
            else { continue }
            answered.insert(header.dropFirst("call-id:".count).trimmingCharacters(in: .whitespaces))
        }
        return answered
    }

    func output() -> String {
        (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
    }

    /// SIGTERM, then SIGKILL if SIPp is still there after a bound.
    func stop(within seconds: Double = 5) {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: messageFile)
        try? FileManager.default.removeItem(at: logFile)
    }
}
