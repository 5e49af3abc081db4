#if canImport(Glibc)
import Glibc
#endif

/// Free space on a file system, as the engine's user may use it (`statvfs`: `f_bavail`, not the
/// root-reserved `f_bfree`).
public enum DiskSpace {
    /// Bytes available under `path`, or nil when `statvfs` fails (the path does not exist …).
    @Sendable public static func available(under path: String) -> UInt64? {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return nil }
        return UInt64(info.f_bavail) &* UInt64(info.f_frsize)
    }
}
