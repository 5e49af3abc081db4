import CallgateCore
import Foundation
import Scripting
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// What the spawn itself guarantees: the scenario gets stdin, stdout and stderr and nothing else
/// of the engine's, every signal at its default, and an event larger than a pipe arrives whole.
@Suite struct RunnerSpawnTests {
    @Test func onlyTheThreeStandardDescriptorsReachTheScenario() async throws {
        let fixture = try ScriptFixture()
        defer { fixture.remove() }
        // A descriptor the engine holds open without close-on-exec must not leak into scenarios.
        let opened = open("/dev/null", O_RDONLY)
        let leaky = dup2(opened, 900)
        close(opened)
        defer { close(leaky) }
        #expect(leaky == 900)
        let path = try fixture.script("fds.sh", "#!/bin/sh\nls /proc/$$/fd >&2\necho '{\"actions\":[]}'\n")
        let outcome = await ScenarioRunner().run(path, event: ScriptFixture.event())
        #expect(outcome.stderr.contains("0") && outcome.stderr.contains("2"), "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("900"), "the engine's descriptor 900 leaked into the scenario: \(outcome.stderr)")
    }

    @Test func signalsStartAtTheirDefaults() async throws {
        let fixture = try ScriptFixture()
        defer { fixture.remove() }
        // SIGPIPE is ignored in the engine; the scenario must get it at its default (SigIgn mask 0).
        // `exec`: grep reads its own status, with the mask the scenario started with (a shell
        // waiting for a child blocks signals for a moment; that is the shell's, not ours).
        let path = try fixture.script("sig.sh", "#!/bin/sh\nexec grep -E '^Sig(Ign|Blk)' /proc/self/status >&2\n")
        let outcome = await ScenarioRunner().run(path, event: ScriptFixture.event())
        #expect(outcome.stderr.contains { $0.hasPrefix("SigBlk:") && $0.hasSuffix("0000000000000000") }, "\(outcome.stderr)")
        let ignored = outcome.stderr.first { $0.hasPrefix("SigIgn:") } ?? ""
        let mask = UInt64(ignored.split(separator: "\t").last ?? "", radix: 16) ?? .max
        #expect(mask & (1 << (UInt64(SIGPIPE) - 1)) == 0, "SIGPIPE is not ignored in the scenario: \(ignored)")
    }

    @Test func anEventLargerThanAPipeArrivesWhole() async throws {
        let fixture = try ScriptFixture()
        defer { fixture.remove() }
        let path = try fixture.script("count.sh", "#!/bin/sh\nn=$(wc -c)\necho \"{\\\"actions\\\":[{\\\"action\\\":\\\"set\\\",\\\"vars\\\":{\\\"bytes\\\":$n}}]}\"\n")
        let big = String(repeating: "x", count: 200_000)
        let event = ScriptFixture.event(vars: ["big": .string(big)])
        let outcome = await ScenarioRunner().run(path, event: event)
        let expected = event.json.encoded().count + 1
        #expect(outcome.setVars == ["bytes": .number(Double(expected))], "\(outcome.result)")
    }
}
