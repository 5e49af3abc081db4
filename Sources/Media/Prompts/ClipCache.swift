/// Clips kept in memory, up to a byte budget; the oldest go first when it is exceeded. TTS of
/// dynamic text ("your balance is 12.34") would otherwise grow without bound.
struct ClipCache: Sendable {
    let limitBytes: Int
    private var clips: [String: AudioClip] = [:]
    private var order: [String] = []
    private(set) var bytes = 0

    init(limitBytes: Int) {
        self.limitBytes = limitBytes
    }

    subscript(key: String) -> AudioClip? { clips[key] }

    var count: Int { clips.count }

    mutating func insert(_ clip: AudioClip, for key: String) {
        if let old = clips.updateValue(clip, forKey: key) {
            bytes -= 2 * old.samples.count
        } else {
            order.append(key)
        }
        bytes += 2 * clip.samples.count
        while bytes > limitBytes, order.count > 1 {
            let oldest = order.removeFirst()
            if let evicted = clips.removeValue(forKey: oldest) { bytes -= 2 * evicted.samples.count }
        }
    }
}
