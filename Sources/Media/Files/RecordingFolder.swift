import Logging
#if canImport(Glibc)
import Glibc
#endif

/// Where recordings go (`data_dir/recordings`, mode 0750: a caller's voice is personal data),
/// and the check that runs before each one starts: a disk below `limits.min_free_disk_mb` refuses
/// the recording instead of filling up under the database.
public struct RecordingFolder: Sendable {
    public static let permissions: mode_t = 0o750
    public let dataDirectory: String
    /// 0: no check.
    public let minimumFreeMB: Int
    let freeBytes: @Sendable (String) -> UInt64?

    public init(dataDirectory: String, minimumFreeMB: Int,
                freeBytes: @escaping @Sendable (String) -> UInt64? = DiskSpace.available(under:)) {
        self.dataDirectory = dataDirectory
        self.minimumFreeMB = minimumFreeMB
        self.freeBytes = freeBytes
    }

    public var path: String { dataDirectory + "/recordings" }

    /// Checks the free space, then creates the folder (or tightens an existing one) with mode 0750.
    /// - Returns: the folder's path.
    /// - Throws: `RecordingRefusal`, already logged: the caller turns it into the action's failure.
    @discardableResult
    public func prepare(logger: Logger) throws(RecordingRefusal) -> String {
        do {
            try check()
            return path
        } catch {
            logger.error("recording refused: \(error)")
            throw error
        }
    }

    func check() throws(RecordingRefusal) {
        if minimumFreeMB > 0 {
            guard let free = freeBytes(dataDirectory) else {
                throw .folder(path: dataDirectory, detail: "cannot read its free space: \(String(cString: strerror(errno)))")
            }
            let freeMB = free / 1_048_576
            guard freeMB >= UInt64(minimumFreeMB) else {
                throw .lowDisk(freeMB: freeMB, minimumMB: minimumFreeMB, dataDirectory: dataDirectory)
            }
        }
        if mkdir(path, Self.permissions) != 0, errno != EEXIST {
            throw .folder(path: path, detail: "cannot create it: \(String(cString: strerror(errno)))")
        }
        // mkdir's mode is cut by the umask, and an older folder may be wider: set it exactly.
        guard chmod(path, Self.permissions) == 0 else {
            throw .folder(path: path, detail: "cannot set its mode to 0750: \(String(cString: strerror(errno)))")
        }
    }
}

/// Why a recording did not start.
public enum RecordingRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    case lowDisk(freeMB: UInt64, minimumMB: Int, dataDirectory: String)
    case folder(path: String, detail: String)

    public var description: String {
        switch self {
        case .lowDisk(let free, let minimum, let directory):
            "only \(free) MB free under \(directory), below limits.min_free_disk_mb (\(minimum) MB)"
        case .folder(let path, let detail):
            "recordings folder \(path): \(detail)"
        }
    }
}
