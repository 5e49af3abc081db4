import Foundation
@testable import Media
import Testing

/// Not a test: measures pacing with many legs playing at once. Run with
/// `CALLGATE_MEDIA_BENCH=1 swift test --filter PacingBenchmark`. It asserts nothing about time
/// (that would fail on a loaded machine); it prints what it saw.
@Suite struct PacingBenchmark {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["CALLGATE_MEDIA_BENCH"] != nil))
    func manyLegsPlayingTogether() async throws {
        let legCount = Int(ProcessInfo.processInfo.environment["CALLGATE_MEDIA_BENCH_LEGS"] ?? "") ?? 100
        let seconds = 5.0
        let fixture = try EngineFixture(portRange: 40000...49999)
        defer { fixture.tearDown() }
        let legs = try (0..<legCount).map { _ in try fixture.leg() }
        let logs = legs.map(EventLog.init)
        let clip = AudioClip.tone(hz: 440, seconds: seconds)
        let cpuBefore = clock()
        let mediaBefore = mediaThreadCPU()
        for (index, leg) in legs.enumerated() { leg.play(clip, id: UInt64(index)) }
        #expect(await eventually(within: seconds + 10) { logs.allSatisfy { !$0.events.isEmpty } })
        let cpu = Double(clock() - cpuBefore) / Double(CLOCKS_PER_SEC)
        let mediaCPU = mediaThreadCPU() - mediaBefore

        let sent = legs.reduce(0) { $0 + $1.stats.packetsSent }
        let packets = fixture.peer.packets
        let arrivals = fixture.peer.arrivalTimes
        var streams: [UInt32: [MonotonicTime]] = [:]
        for (packet, time) in zip(packets, arrivals) { streams[packet.ssrc, default: []].append(time) }
        var lateness: [Double] = []
        var drift: [Double] = []
        for times in streams.values where times.count > 1 {
            // Against the stream's own ideal schedule (n × 20 ms), anchored at its earliest packet.
            let offsets = times.enumerated().map { Double(Int64($1.nanoseconds) - Int64(20_000_000 * $0)) / 1e6 }
            let anchor = offsets.min()!
            lateness += offsets.map { $0 - anchor }
            drift.append((times.last! - times.first!).seconds - 0.02 * Double(times.count - 1))
        }
        lateness.sort()
        func percentile(_ p: Double) -> Double { lateness.isEmpty ? 0 : lateness[min(lateness.count - 1, Int(p * Double(lateness.count)))] }
        print("""
            pacing: \(legCount) legs × \(seconds) s, \(sent) packets sent, \(packets.count) received (expected \(legCount * 250))
              arrival after the ideal schedule (ms): p50 \(percentile(0.5)) p99 \(percentile(0.99)) max \(lateness.last ?? 0)
              drift over the stream (ms): max \((drift.map(abs).max() ?? 0) * 1000)
              media threads CPU: \(mediaCPU) s (\(Int(100 * mediaCPU / seconds)) % of one core)
              process CPU: \(cpu) s for \(seconds) s of audio (\(Int(100 * cpu / seconds)) % of one core, test peer included)
            """)
    }
}

/// CPU seconds used so far by the threads named "callgate-media" (from /proc, Linux only).
func mediaThreadCPU() -> Double {
    let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
    var ticks = 0
    for task in tasks {
        guard let name = try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8),
              name.hasPrefix("callgate-media"),
              let stat = try? String(contentsOfFile: "/proc/self/task/\(task)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { continue }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        ticks += (Int(fields[11]) ?? 0) + (Int(fields[12]) ?? 0)  // utime, stime
    }
    return Double(ticks) / Double(sysconf(Int32(_SC_CLK_TCK)))
}
