import Foundation
import Testing

/// espeak-ng and sox make the far end's audio.
private let speechToolsInstalled = ["/usr/bin/espeak-ng", "/usr/bin/sox"].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }

/// Answering-machine detection over SIP: a SIPp caller speaks a person's "hello?" or a machine's
/// greeting (generated with espeak-ng and sox, sent by SIPp's rtp_stream as PCMU), the route's
/// scenario answers and runs `detect_machine`, and the verdict is in the call's record and trail.
extension ServerSuite {
    @Suite(.serialized, .enabled(if: speechToolsInstalled)) struct MachineDetectionCallTests {

        /// Answers and detects. A person: hang up with the verdict as the reason. A machine: wait for
        /// the silence after its beep (where the message would go), then hang up saying so.
        static let scenario = """
            #!/bin/sh
            case "$CALLGATE_EVENT" in
            call.start) echo '{"actions":[{"action":"answer"},{"action":"detect_machine"}]}' ;;
            amd.done)
              if [ "$CALLGATE_RESULT_RESULT" = machine ]; then
                echo '{"actions":[{"action":"wait_for_silence","seconds":1,"timeout":20}]}'
              else
                echo "{\\"actions\\":[{\\"action\\":\\"hangup\\",\\"reason\\":\\"amd-$CALLGATE_RESULT_RESULT\\"}]}"
              fi ;;
            silence.done) echo "{\\"actions\\":[{\\"action\\":\\"hangup\\",\\"reason\\":\\"amd-machine-$CALLGATE_RESULT_REASON\\"}]}" ;;
            *) echo '{"actions":[]}' ;;
            esac
            """

        @Test func aPersonsHelloAndAMachinesGreetingAreToldApart() async throws {
            let audio = try Self.farEndAudio()
            defer { try? FileManager.default.removeItem(at: audio) }
            let engine = try EngineUnderTest(scenarios: ["amd.sh": Self.scenario], routes: "  - match: \"*\"\n    scenario: amd.sh")
            try await engine.waitUntilReady()
            for kind in ["human", "machine"] {
                let folder = audio.appendingPathComponent(kind)
                let run = try await SIPp.run("uac-far-end-audio.xml", engine: engine, timeout: 30, workingDirectory: folder)
                #expect(run.allCallsSucceeded, "\(run.output)\n\(engine.log())")
                let id = try #require(try engine.calls().first?["id"] as? String)
                let detail = try engine.call(id)
                let call = try #require(detail["call"] as? [String: Any])
                #expect(call["amd"] as? String == kind, "\(detail)")
                #expect(call["hangup_reason"] as? String == (kind == "machine" ? "amd-machine-silence" : "amd-human"))
                let trail = detail["trail"] as? [[String: Any]] ?? []
                let note = trail.first { $0["kind"] as? String == "amd" }?["detail"] as? [String: Any]
                #expect(note?["result"] as? String == kind, "the trail notes the verdict: \(trail)")
                #expect((note?["total"] as? Double ?? 0) > 0)
                if kind == "machine" {
                    // The greeting and its beep go on for seconds after the verdict: the wait outlasts them.
                    let silence = trail.first { (($0["detail"] as? [String: Any])?["event"] as? [String: Any])?["event"] as? String == "silence.done" }
                    let waited = ((silence?["detail"] as? [String: Any])?["event"] as? [String: Any]).flatMap { ($0["result"] as? [String: Any])?["waited"] as? Double }
                    #expect((waited ?? 0) > 3, "silence.done: \(String(describing: silence))")
                }
            }
            #expect(engine.stop() == 0)
        }

        /// human/far_end.ul and machine/far_end.ul: the first recording of each kind of the corpus, as PCMU.
        static func farEndAudio() throws -> URL {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("callgate-amd-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try run(EngineUnderTest.root.appendingPathComponent("tools/bench/amd-corpus.sh").path, [folder.path, "1"])
            for kind in ["human", "machine"] {
                let sub = folder.appendingPathComponent(kind)
                try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
                try run("/usr/bin/sox", [folder.appendingPathComponent("\(kind)-00.wav").path, "-t", "ul", sub.appendingPathComponent("far_end.ul").path])
            }
            return folder
        }

        static func run(_ tool: String, _ arguments: [String]) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = arguments
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad, userInfo: ["tool": tool]) }
        }
    }
}
