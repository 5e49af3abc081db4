import Foundation
@testable import Media
import Synchronization

/// The far end of a call in a test: a real UDP socket on 127.0.0.1 that records every RTP packet it
/// receives (on its own thread) and sends whatever the test gives it.
final class TestPeer: Sendable {
    let socket: UDPSocket
    private let received = Mutex<[RTPPacket]>([])
    /// CLOCK_MONOTONIC arrival time of each packet, for the pacing benchmark.
    private let arrivals = Mutex<[MonotonicTime]>([])
    private let running = Atomic<Bool>(true)
    private let stopped = DispatchSemaphore(value: 0)

    init() throws {
        socket = try UDPSocket.bind(SocketAddress(host: "127.0.0.1", port: 0))
        // Room for a burst from hundreds of legs (the benchmark); the kernel caps it at rmem_max.
        var size: Int32 = 8 << 20
        setsockopt(socket.fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 2048)
            while running.load(ordering: .relaxed) {
                var descriptor = pollfd(fd: socket.fd, events: Int16(POLLIN), revents: 0)
                guard poll(&descriptor, 1, 20) > 0 else { continue }
                while let (count, _) = socket.receive(into: &buffer) {
                    if let packet = try? RTPPacket(parsing: Array(buffer[0..<count])) {
                        self.received.withLock { $0.append(packet) }
                        self.arrivals.withLock { $0.append(.now()) }
                    }
                }
            }
            stopped.signal()
        }.start()
    }

    var port: UInt16 { socket.localPort }
    var packets: [RTPPacket] { received.withLock { $0 } }
    var count: Int { received.withLock { $0.count } }
    var arrivalTimes: [MonotonicTime] { arrivals.withLock { $0 } }

    func send(_ packet: RTPPacket, to port: UInt16) {
        socket.send(packet.serialized(), to: try! SocketAddress(host: "127.0.0.1", port: port))
    }

    func sendRaw(_ bytes: [UInt8], to port: UInt16) {
        socket.send(bytes, to: try! SocketAddress(host: "127.0.0.1", port: port))
    }

    /// Sends audio as a stream of 20 ms packets, back to back (the leg does not care about pacing).
    func sendAudio(_ samples: [Int16], codec: Codec = .pcmu, to port: UInt16, ssrc: UInt32 = 0x1234_5678,
                   firstSequence: UInt16 = 1000, firstTimestamp: UInt32 = 80000) {
        let encoder = codec.makeEncoder()  // one per stream: G.722 and Opus keep state
        for (index, start) in stride(from: 0, to: samples.count, by: 160).enumerated() {
            let frame = Array(samples[start..<min(start + 160, samples.count)])
            send(RTPPacket(marker: index == 0, payloadType: codec.payloadType,
                           sequenceNumber: firstSequence &+ UInt16(index),
                           timestamp: firstTimestamp &+ UInt32(start * codec.clockPer8kSample), ssrc: ssrc,
                           payload: encoder.encode(frame)),
                 to: port)
        }
    }

    /// Sends one DTMF key as RFC 4733 packets: updates, then the end packet three times.
    func sendKey(_ key: Character, payloadType: UInt8 = 101, timestamp: UInt32, sequence: inout UInt16, to port: UInt16) {
        for (index, event) in DTMFEncoder.events(for: key)!.enumerated() {
            send(RTPPacket(marker: index == 0, payloadType: payloadType, sequenceNumber: sequence, timestamp: timestamp,
                           ssrc: 0xD7AF, payload: event.serialized()), to: port)
            sequence &+= 1
        }
    }

    func close() {
        running.store(false, ordering: .relaxed)
        stopped.wait()
        socket.close()
    }
}

/// Hands each test its own port range, so that parallel tests never compete for ports.
enum TestPorts {
    private static let next = Atomic<Int>(0)

    static func range(size: UInt16 = 40) -> ClosedRange<UInt16> {
        let index = next.add(1, ordering: .relaxed).oldValue
        let low = UInt16(31000 + index * 100)
        return low...(low + size - 1)
    }
}

/// Zero crossings per second and RMS, to recognise a tone without caring about exact samples.
func toneStats(_ samples: [Int16]) -> (crossingsPerSecond: Double, rms: Double) {
    var crossings = 0
    for index in 1..<samples.count where (samples[index - 1] < 0) != (samples[index] < 0) { crossings += 1 }
    let seconds = Double(samples.count) / 8000
    return (Double(crossings) / seconds, RecordingMeter.rms(samples))
}

/// The share of the signal's power at `hz` (Goertzel): about 1 for a clean tone, near 0 without it.
func toneShare(_ samples: [Int16], hz: Double) -> Double {
    guard !samples.isEmpty else { return 0 }
    let coefficient = 2 * cos(2 * Double.pi * hz / 8000)
    var previous = 0.0, beforePrevious = 0.0, energy = 0.0
    for sample in samples {
        let x = Double(sample)
        energy += x * x
        let current = x + coefficient * previous - beforePrevious
        beforePrevious = previous
        previous = current
    }
    let power = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious
    return energy > 0 ? 2 * power / (Double(samples.count) * energy) : 0
}
