import SystemPackage

/// A RIFF/WAVE file of 16-bit PCM, in memory: the format and the interleaved samples.
///
/// Reading is tolerant where real files are sloppy (a data size larger than the file, as streaming
/// writers such as `espeak-ng --stdout` leave it; unknown chunks; odd chunk padding) and strict
/// where guessing would be wrong (anything but 16-bit integer PCM is `unsupportedFormat`, so the
/// prompt library converts it with sox instead of playing noise).
public struct WAVFile: Sendable, Hashable {
    public var sampleRate: Int
    public var channels: Int
    /// Interleaved: left, right, left, right... for stereo.
    public var samples: [Int16]

    public init(sampleRate: Int, channels: Int, samples: [Int16]) {
        self.sampleRate = sampleRate
        self.channels = channels
        self.samples = samples
    }

    public init(contentsOf path: String) throws(WAVError) {
        try self.init(parsing: Self.readAll(path))
    }

    public init(parsing bytes: [UInt8]) throws(WAVError) {
        guard bytes.count >= 12, bytes[0..<4].elementsEqual("RIFF".utf8), bytes[8..<12].elementsEqual("WAVE".utf8)
        else { throw .malformed("no RIFF/WAVE header") }
        var format: (tag: Int, channels: Int, rate: Int, bits: Int)?
        var data: Range<Int>?
        var offset = 12
        while offset + 8 <= bytes.count {
            let id = String(decoding: bytes[offset..<offset + 4], as: UTF8.self)
            let size = Int(bytes.littleEndianUInt32(at: offset + 4))
            let body = offset + 8
            let end = min(body + size, bytes.count)
            switch id {
            case "fmt ":
                guard end - body >= 16 else { throw .malformed("fmt chunk of \(end - body) bytes") }
                var tag = Int(bytes.littleEndianUInt16(at: body))
                if tag == 0xFFFE, end - body >= 26 {
                    tag = Int(bytes.littleEndianUInt16(at: body + 24))  // WAVE_FORMAT_EXTENSIBLE: the sub-format GUID
                }
                format = (tag, Int(bytes.littleEndianUInt16(at: body + 2)), Int(bytes.littleEndianUInt32(at: body + 4)),
                          Int(bytes.littleEndianUInt16(at: body + 14)))
            case "data":
                data = body..<end  // a size past the end means "until the end" (streamed WAV)
            default:
                break
            }
            if data != nil, format != nil { break }
            offset = body + size + (size & 1)  // chunks are padded to an even length
        }
        guard let format else { throw .malformed("no fmt chunk") }
        guard let data else { throw .malformed("no data chunk") }
        guard format.tag == 1, format.bits == 16 else {
            throw .unsupportedFormat("format tag \(format.tag), \(format.bits)-bit (need 16-bit PCM)")
        }
        guard format.channels >= 1, format.rate > 0 else {
            throw .malformed("\(format.channels) channels at \(format.rate) Hz")
        }
        sampleRate = format.rate
        channels = format.channels
        let count = (data.count / 2 / channels) * channels  // whole frames only
        samples = (0..<count).map { Int16(bitPattern: bytes.littleEndianUInt16(at: data.lowerBound + 2 * $0)) }
    }

    /// Frames (samples per channel).
    public var frameCount: Int { samples.count / max(channels, 1) }

    /// The samples of one channel (0 = left).
    public func channel(_ index: Int) -> [Int16] {
        stride(from: index, to: samples.count, by: channels).map { samples[$0] }
    }

    /// The clip, when the file is already in the engine's format (8 kHz mono); nil otherwise.
    public var audioClip: AudioClip? {
        sampleRate == AudioClip.sampleRate && channels == 1 ? AudioClip(samples: samples) : nil
    }

    public func serialized() -> [UInt8] {
        var bytes = Self.header(sampleRate: sampleRate, channels: channels, dataBytes: 2 * samples.count)
        bytes.reserveCapacity(bytes.count + 2 * samples.count)
        for sample in samples { bytes.appendLittleEndian(UInt16(bitPattern: sample)) }
        return bytes
    }

    /// The canonical 44-byte header of a 16-bit PCM file.
    static func header(sampleRate: Int, channels: Int, dataBytes: Int) -> [UInt8] {
        var bytes = Array("RIFF".utf8)
        bytes.appendLittleEndian(UInt32(clamping: 36 + dataBytes))
        bytes += Array("WAVEfmt ".utf8)
        bytes.appendLittleEndian(UInt32(16))
        bytes.appendLittleEndian(UInt16(1))
        bytes.appendLittleEndian(UInt16(channels))
        bytes.appendLittleEndian(UInt32(sampleRate))
        bytes.appendLittleEndian(UInt32(sampleRate * channels * 2))
        bytes.appendLittleEndian(UInt16(channels * 2))
        bytes.appendLittleEndian(UInt16(16))
        bytes += Array("data".utf8)
        bytes.appendLittleEndian(UInt32(clamping: dataBytes))
        return bytes
    }

    static let riffSizeOffset: Int64 = 4
    static let dataSizeOffset: Int64 = 40

    static func readAll(_ path: String) throws(WAVError) -> [UInt8] {
        do {
            let fd = try FileDescriptor.open(FilePath(path), .readOnly, options: [.closeOnExec])
            return try fd.closeAfter {
                var bytes: [UInt8] = []
                var chunk = [UInt8](repeating: 0, count: 1 << 16)
                while true {
                    let count = try chunk.withUnsafeMutableBytes { try fd.read(into: $0) }
                    if count == 0 { return bytes }
                    bytes += chunk[0..<count]
                }
            }
        } catch {
            throw .io(path: path, "\(error)")
        }
    }
}
