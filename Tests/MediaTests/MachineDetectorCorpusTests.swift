import Foundation
@testable import Media
import Testing

/// The detector's accuracy on a small corpus of generated recordings (tools/bench/amd-corpus.sh:
/// espeak-ng voices, speeds and pitches, line noise, a beep after the machines' greetings). The
/// full corpus and its figures are `make bench`'s (tools/bench/amd.sh, docs/benchmarks.md).
@Suite struct MachineDetectorCorpusTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let perKind = 6
    static let tools = ["/usr/bin/espeak-ng", "/usr/bin/sox"].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: tools)) func atLeastNinetyPercentOfEachKindAreRight() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let script = Process()
        script.executableURL = Self.root.appendingPathComponent("tools/bench/amd-corpus.sh")
        script.arguments = [folder.path, "\(Self.perKind)"]
        try script.run()
        script.waitUntilExit()
        try #require(script.terminationStatus == 0)

        for kind in [MachineDetector.Verdict.human, .machine] {
            var right = 0
            var wrong: [String] = []
            for index in 0..<Self.perKind {
                let name = "\(kind.rawValue)-" + String(format: "%02d", index) + ".wav"
                let file = try WAVFile(contentsOf: folder.file(name))
                try #require(file.sampleRate == 8000 && file.channels == 1)
                var detector = MachineDetector(.init())
                let outcome = detector.feed(file.samples)
                if outcome?.verdict == kind { right += 1 } else { wrong.append("\(name): \(String(describing: outcome))") }
            }
            #expect(Double(right) >= 0.9 * Double(Self.perKind), "\(kind.rawValue): \(right)/\(Self.perKind) right; wrong: \(wrong)")
        }
    }

    @Test func theGeneratorRefusesABadCount() throws {
        for count in ["0", "many", "500"] {
            let script = Process()
            script.executableURL = Self.root.appendingPathComponent("tools/bench/amd-corpus.sh")
            script.arguments = [FileManager.default.temporaryDirectory.appendingPathComponent("callgate-amd-unused").path, count]
            let errors = Pipe()
            script.standardError = errors
            try script.run()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            script.waitUntilExit()
            #expect(script.terminationStatus == 2)
            #expect(message.contains("COUNT must be 1-200"), "\(message)")
        }
    }
}
