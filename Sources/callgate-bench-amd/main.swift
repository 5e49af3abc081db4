// The answering-machine detection benchmark of `make bench` (tools/bench/amd.sh): runs the detector
// on every recording of a corpus folder (tools/bench/amd-corpus.sh: human-NN.wav, machine-NN.wav,
// 8 kHz mono 16-bit) with the default parameters, and prints one line per recording, then a summary:
//   FILE KIND VERDICT CAUSE initial_silence=MS greeting=MS words=N total=MS
//   summary human=N human_right=N human_machine=N human_not_sure=N machine=N machine_right=N machine_human=N machine_not_sure=N
// Usage: callgate-bench-amd CORPUS_DIR
import Foundation
import Media

guard CommandLine.arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: callgate-bench-amd CORPUS_DIR\n".utf8))
    exit(2)
}
let folder = CommandLine.arguments[1]
let names: [String]
do {
    names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".wav") }.sorted()
} catch {
    FileHandle.standardError.write(Data("callgate-bench-amd: cannot read \(folder): \(error)\n".utf8))
    exit(2)
}
var counts: [String: Int] = [:]
for name in names {
    let kind = String(name.prefix { $0 != "-" })
    guard kind == "human" || kind == "machine" else { continue }
    let file: WAVFile
    do {
        file = try WAVFile(contentsOf: folder + "/" + name)
    } catch {
        FileHandle.standardError.write(Data("callgate-bench-amd: \(name): \(error)\n".utf8))
        exit(1)
    }
    guard file.channels == 1, file.sampleRate == 8000 else {
        FileHandle.standardError.write(Data("callgate-bench-amd: \(name): not 8 kHz mono\n".utf8))
        exit(1)
    }
    var detector = MachineDetector(.init())
    // A recording that ends undecided is what the call would do next: silence until total_analysis.
    var outcome = detector.feed(file.samples)
    while outcome == nil { outcome = detector.silentFrame() }
    guard let outcome else { continue }
    counts[kind, default: 0] += 1
    let verdict = outcome.verdict.rawValue
    counts[verdict == kind ? "\(kind)_right" : "\(kind)_\(verdict)", default: 0] += 1
    print("\(name) \(kind) \(verdict) \(outcome.cause.rawValue) initial_silence=\(outcome.initialSilence) greeting=\(outcome.greeting) words=\(outcome.words) total=\(outcome.total)")
}
let keys = ["human", "human_right", "human_machine", "human_not_sure", "machine", "machine_right", "machine_human", "machine_not_sure"]
print("summary " + keys.map { "\($0)=\(counts[$0, default: 0])" }.joined(separator: " "))
