import ArgumentParser
import CallgateCore
import Config
import Engine
import Foundation
import Logging
import Scripting

/// `callgate test SCENARIO`: runs a scenario against a simulated call and prints the transcript.
struct TestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run a scenario against a simulated call (no SIP, no audio) and print a transcript.",
        discussion: """
            Sends call.start, simulates every action's outcome (keys from --dtmf, transfer targets and queue \
            agents as --agent says; an enqueue runs the real queue machine), \
            runs the scenario again for each outcome event, and prints each event, reply, action and error.
            Exit status: 0 when the scenario ran without failure and every --expect held; 1 when an \
            expectation failed; 2 when a scenario failure happened (the fallback was taken); 64 for bad usage.
            """)

    @Argument(help: "The scenario executable.")
    var scenario: String

    @Option(help: "The caller's number.")
    var from = "+15550100"

    @Option(help: "The dialed number.")
    var to = "100"

    @Option(name: .customLong("call-id"), help: "The call id.")
    var callID = "sim-1"

    @Flag(help: "Simulate a call the engine places (originate, a campaign): call.start comes once the callee answers.")
    var outbound = false

    @Flag(help: "With --outbound: answering-machine detection before call.start (its verdict in call.start's result.amd).")
    var amd = false

    @Option(help: "With --outbound: how the callee responds: answer (a person), machine (an answering machine's greeting and beep), busy, no_answer, rejected, failed.")
    var callee = "answer"

    @Option(help: ArgumentHelp("Keys the caller types, one comma-separated group per gather (\"1,5\"); an empty group times out. Repeatable.", valueName: "keys"))
    var dtmf: [String] = []

    @Option(help: "How transfer targets and queue agents respond: answer, busy, no-answer.")
    var agent: SimulatedCaller.Agent = .answer

    @Option(name: .customLong("queue-result"), help: "Set the queue up so that an enqueue ends this way: agent_hangup, timeout, full, no_agents, key.")
    var queueResult: String?

    @Option(name: .customLong("agent-answers-after"), help: "How long a queue agent's phone rings before the agent answers, in seconds.")
    var agentAnswersAfter: Double = 5

    @Option(help: "Without --config: how many simulated agents serve each queue (extensions 1001, 1002, …).")
    var agents = 1

    @Option(help: "A configuration file: its queues and agents serve the enqueues (only those queues exist).")
    var config: String?

    @Option(name: .customLong("talk-seconds"), help: "How long a bridged call lasts.")
    var talkSeconds: Double = 30

    @Option(name: .customLong("record-seconds"), help: "How long the caller speaks during a record before going silent.")
    var recordSeconds: Double = 5

    @Option(name: .customLong("hangup-after"), help: "The caller hangs up at this simulated second.")
    var hangupAfter: Double?

    @Option(help: ArgumentHelp("An initial var, name=value (value parsed as JSON when it can be). Repeatable.", valueName: "name=value"))
    var vars: [String] = []

    @Option(help: "A fallback scenario taken when the scenario fails.")
    var fallback: String?

    @Option(name: .customLong("fallback-queue"), help: "A fallback queue taken when the scenario fails.")
    var fallbackQueue: String?

    @Option(help: "The deadline of each scenario run, in seconds.")
    var deadline: Double = 3

    @Option(name: .customLong("output-limit"), help: "The most bytes read from a scenario's stdout (and stderr).")
    var outputLimit = 1 << 20

    @Option(help: "The sounds folder (times play by the real file length).")
    var sounds = "sounds"

    @Option(name: .customLong("error-prompt"), help: "The sound played when a scenario fails and no fallback takes over.")
    var errorPrompt = "error.wav"

    @Flag(help: "Run the scenario as a persistent one: long-lived workers reading one event per line (docs/scenario-protocol.md).")
    var persistent = false

    @Option(help: "With --persistent: the most workers (1-16).")
    var workers = 2

    @Flag(help: "Print one JSON object per line per step instead of the readable transcript.")
    var json = false

    @Option(help: ArgumentHelp("An action the scenario must run, ACTION[:ARG], or event:NAME. Repeatable.", valueName: "action[:arg]"))
    var expect: [String] = []

    @Option(name: .customLong("expect-no"), help: ArgumentHelp("An action the scenario must not run, ACTION[:ARG]. Repeatable.", valueName: "action[:arg]"))
    var expectNo: [String] = []

    func validate() throws {
        guard ["answer", "machine", "busy", "no_answer", "rejected", "failed"].contains(callee) else {
            throw ValidationError("--callee must be one of answer, machine, busy, no_answer, rejected, failed, got \(callee)")
        }
        if (callee != "answer" || amd) && !outbound { throw ValidationError("--callee and --amd go with --outbound") }
        for group in dtmf where !group.allSatisfy({ DTMF.isKey($0) || $0 == "," }) {
            throw ValidationError("--dtmf \(group): only the keys 0-9, *, #, A-D and commas between gathers")
        }
        if let queueResult, !SimulatedCaller.queueReasons.contains(queueResult) {
            throw ValidationError("--queue-result must be one of \(SimulatedCaller.queueReasons.joined(separator: ", ")), got \(queueResult)")
        }
        if fallback != nil && fallbackQueue != nil { throw ValidationError("give --fallback or --fallback-queue, not both") }
        guard deadline > 0, deadline <= 600 else { throw ValidationError("--deadline must be between 0 and 600 seconds") }
        guard outputLimit > 0 else { throw ValidationError("--output-limit must be positive") }
        guard PersistentScenarioPool.workerRange.contains(workers) else { throw ValidationError("--workers must be between 1 and 16") }
        guard talkSeconds >= 0, recordSeconds >= 0, agentAnswersAfter >= 0, (hangupAfter ?? 0) >= 0 else {
            throw ValidationError("times must not be negative")
        }
        guard (1...100).contains(agents) else { throw ValidationError("--agents must be between 1 and 100") }
        _ = try parsedVars()
        _ = try parsedExpectations()
    }

    func parsedVars() throws -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        for item in vars {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, Names.isVarName(parts[0]) else {
                throw ValidationError("--vars \(item): expected name=value with a var name (a letter or _, then letters, digits or _)")
            }
            result[parts[0]] = (try? JSONValue.parse(Array(parts[1].utf8))) ?? .string(parts[1])
        }
        return result
    }

    func parsedExpectations() throws -> (must: [Expectation], mustNot: [Expectation]) {
        do {
            return (try expect.map { text throws(ExpectationError) in try Expectation(text) },
                    try expectNo.map { text throws(ExpectationError) in try Expectation(text) })
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() async throws {
        let path = URL(fileURLWithPath: scenario).standardizedFileURL.path
        let fallbackPath = fallback.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        var logger = Logger(label: "callgate.test") { _ in SwiftLogNoOpLogHandler() }
        logger.logLevel = .critical
        let limits = ScenarioLimits(deadline: .milliseconds(Int(deadline * 1000)), outputLimit: outputLimit)
        let runner = ScenarioRunner(limits: limits, maxConcurrent: 4, logger: logger)
        let pool = persistent ? PersistentScenarioPool(path: path, workers: workers, limits: limits, logger: logger) : nil
        let executor: any ScenarioExecutor =
            if let pool { PersistentScenarioExecutor(pool: pool, fallback: fallbackPath, runner: runner) }
            else { ProcessScenarioExecutor(primary: path, fallback: fallbackPath, runner: runner) }
        let configuration = CallConfiguration(
            fallback: fallbackPath.map { .scenario($0) } ?? fallbackQueue.map { .queue($0) } ?? .errorPrompt,
            errorPrompt: errorPrompt, machineDetection: amd ? MachineDetectionSettings() : nil)
        let loaded = try config.map { try ConfigLoading.load($0, checkFiles: false) }
        let caller = SimulatedCaller(dtmf: SimulatedCaller.groups(dtmf), agent: agent, queueResult: queueResult,
                                     agentAnswersAfter: agentAnswersAfter, agentCount: agents,
                                     queues: loaded?.queueSettings(), agentProfiles: loaded?.agentProfiles(),
                                     talkSeconds: talkSeconds, recordSeconds: recordSeconds, hangupAfter: hangupAfter,
                                     soundsDirectory: sounds)
        var call = SimulatedCall(call: CallInfo(id: callID, from: from, to: to, direction: outbound ? .outbound : .inbound),
                                 vars: try parsedVars(), configuration: configuration, caller: caller, executor: executor)
        if callee == "machine" {
            call.caller.answeredBy = .machine
        } else if outbound && callee != "answer" {
            call.dialFailure = callee
        }
        let formatter = TranscriptFormatter()
        if !json { print("callgate test \(scenario): call \(callID) from \(from) to \(to)\n") }
        let result = await call.run { step in
            if json {
                print(step.json.encodedString)
            } else {
                formatter.lines(for: step).forEach { print($0) }
            }
        }
        await pool?.shutdown()
        let status = report(result)
        throw ExitCode(status)
    }

    /// Prints the verdict and returns the exit status.
    func report(_ result: SimulationResult) -> Int32 {
        let (must, mustNot) = (try? parsedExpectations()) ?? ([], [])
        var checks: [(Expectation, Bool, Bool)] = []  // expectation, wanted, held
        for e in must { checks.append((e, true, e.isMet(by: result))) }
        for e in mustNot { checks.append((e, false, !e.isMet(by: result))) }
        let failures = result.record.errors
        let status: Int32 = !failures.isEmpty ? 2 : checks.contains { !$0.2 } ? 1 : 0
        if json {
            let expectations: [JSONValue] = checks.map { e, wanted, held in
                ["expect": .string(e.description), "present": .bool(wanted), "held": .bool(held)]
            }
            print(JSONValue.object(["kind": "verdict", "exit": .number(Double(status)), "errors": .number(Double(failures.count)),
                                    "expectations": .array(expectations)]).encodedString)
            return status
        }
        if !checks.isEmpty { print("\nexpectations:") }
        for (e, wanted, held) in checks {
            let mark = held ? "ok  " : "FAIL"
            var text = "  \(mark) \(wanted ? "" : "no ")\(e)"
            if !held {
                let seen = e.seen(in: result)
                text += wanted ? (seen.isEmpty ? " (no \(e.name) ran)" : " (seen: \(seen.joined(separator: "; ")))") : " (it ran)"
            }
            print(text)
        }
        switch status {
        case 0: print("\nPASS: the scenario ran cleanly" + (checks.isEmpty ? "" : " and every expectation held"))
        case 1: print("\nFAIL: \(checks.filter { !$0.2 }.count) expectation(s) not met")
        default: print("\nFAIL: \(failures.count) scenario failure(s): " + failures.map { "\($0.code) on \($0.event.rawValue)" }.joined(separator: ", "))
        }
        return status
    }
}

extension SimulatedCaller.Agent: ExpressibleByArgument {}
