import Synchronization
import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// Writes a 16-bit PCM WAV file incrementally, mono or stereo (caller left, agent right).
///
/// Crash safety: the header is written at once, and every `headerInterval` of audio the buffered
/// samples are written and the RIFF and data sizes in the header are updated in place. If the
/// engine dies mid-recording, the file is a valid WAV of everything up to the last update (at most
/// `headerInterval` is lost), with no repair step needed. We do not write "maximum" sizes up front:
/// many players would then read past the end or refuse the file. `close()` writes the exact sizes.
///
/// Thread-safe (a lock around the state), though in practice one owner appends: the media thread.
public final class WAVWriter: Sendable {
    struct State {
        var fd: FileDescriptor?
        var pending: [UInt8] = []
        var dataBytes = 0
        var bytesAtLastHeader = 0
    }

    public let path: String
    public let sampleRate: Int
    public let channels: Int
    let headerIntervalBytes: Int
    let state: Mutex<State>

    /// 0640: a recording is a caller's voice; the engine's group may listen, nobody else.
    public static let permissions: FilePermissions = [.ownerReadWrite, .groupRead]

    /// Creates (or truncates) the file and writes its header.
    /// - Parameter headerInterval: seconds of audio between header updates (the most a crash loses).
    public init(path: String, sampleRate: Int = AudioClip.sampleRate, channels: Int = 1,
                headerInterval: Double = 1) throws(WAVError) {
        guard channels == 1 || channels == 2 else { throw .unsupportedFormat("\(channels) channels (write 1 or 2)") }
        self.path = path
        self.sampleRate = sampleRate
        self.channels = channels
        headerIntervalBytes = max(2 * channels, Int(headerInterval * Double(sampleRate)) * 2 * channels)
        do {
            let fd = try FileDescriptor.open(FilePath(path), .writeOnly, options: [.create, .truncate, .closeOnExec],
                                             permissions: Self.permissions)
            do {
                // A file that already existed keeps its mode through O_TRUNC: set it exactly.
                guard fchmod(fd.rawValue, Self.permissions.rawValue) == 0 else { throw Errno(rawValue: errno) }
                try fd.writeAll(WAVFile.header(sampleRate: sampleRate, channels: channels, dataBytes: 0))
            } catch {
                try? fd.close()
                throw error
            }
            state = Mutex(State(fd: fd))
        } catch {
            throw .io(path: path, "\(error)")
        }
    }

    /// Frames written so far (samples per channel), buffered ones included.
    public var frameCount: Int {
        state.withLock { $0.dataBytes / (2 * channels) }
    }

    public var seconds: Double {
        Double(frameCount) / Double(sampleRate)
    }

    /// Appends samples: for stereo they must be interleaved (left, right, ...).
    public func append(_ samples: some Collection<Int16>) throws(WAVError) {
        try state.withLock { (state: inout State) throws(WAVError) in
            guard state.fd != nil else { throw .io(path: path, "already closed") }
            state.pending.reserveCapacity(state.pending.count + 2 * samples.count)
            for sample in samples { state.pending.appendLittleEndian(UInt16(bitPattern: sample)) }
            state.dataBytes += 2 * samples.count
            if state.dataBytes - state.bytesAtLastHeader >= headerIntervalBytes {
                try flush(&state)
            }
        }
    }

    /// Appends stereo audio from two mono sides; the shorter side is padded with silence.
    public func append(left: [Int16], right: [Int16]) throws(WAVError) {
        precondition(channels == 2, "append(left:right:) needs a stereo writer")
        var interleaved: [Int16] = []
        interleaved.reserveCapacity(2 * max(left.count, right.count))
        for index in 0..<max(left.count, right.count) {
            interleaved.append(index < left.count ? left[index] : 0)
            interleaved.append(index < right.count ? right[index] : 0)
        }
        try append(interleaved)
    }

    /// Writes what is buffered and the final sizes, and closes the file. Closing twice is harmless.
    public func close() throws(WAVError) {
        try state.withLock { (state: inout State) throws(WAVError) in
            guard let fd = state.fd else { return }
            defer { state.fd = nil }
            do throws(WAVError) {
                try flush(&state)
            } catch {
                try? fd.close()
                throw error
            }
            do {
                try fd.close()
            } catch {
                throw .io(path: path, "\(error)")
            }
        }
    }

    func flush(_ state: inout State) throws(WAVError) {
        guard let fd = state.fd else { return }
        do {
            try fd.writeAll(state.pending)
            state.pending.removeAll(keepingCapacity: true)
            var riff: [UInt8] = []
            riff.appendLittleEndian(UInt32(clamping: 36 + state.dataBytes))
            var data: [UInt8] = []
            data.appendLittleEndian(UInt32(clamping: state.dataBytes))
            try fd.writeAll(toAbsoluteOffset: WAVFile.riffSizeOffset, riff)
            try fd.writeAll(toAbsoluteOffset: WAVFile.dataSizeOffset, data)
            state.bytesAtLastHeader = state.dataBytes
        } catch {
            throw .io(path: path, "\(error)")
        }
    }

    deinit {
        try? close()
    }
}
