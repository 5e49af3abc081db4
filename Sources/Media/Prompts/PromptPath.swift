#if canImport(Glibc)
import Glibc
#endif

/// Resolves a prompt name from a scenario to a real file inside the sounds folder, refusing every
/// way out of it: absolute paths, `..` climbing above the folder, and symbolic links (of the file
/// or of a folder on the way) that point outside. Names come from scenario scripts, so they are
/// treated as untrusted.
enum PromptPath {
    /// The canonical path of the file (symbolic links resolved).
    static func resolve(_ file: String, in folder: String) throws(PromptError) -> String {
        guard !file.isEmpty else { throw .invalidName(file: file, "empty name") }
        guard !file.hasPrefix("/") else { throw .invalidName(file: file, "absolute paths are refused") }
        guard !file.utf8.contains(0) else { throw .invalidName(file: file, "contains a NUL byte") }
        // Lexically first, so "../x.wav" is refused whether or not it exists.
        var depth = 0
        for component in file.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": depth -= 1
            default: depth += 1
            }
            if depth < 0 { throw .outsideFolder(file: file) }
        }
        guard let root = realPath(folder) else { throw .notFound(file: file) }
        guard let resolved = realPath(root + "/" + file) else { throw .notFound(file: file) }
        guard resolved.hasPrefix(root.hasSuffix("/") ? root : root + "/") else { throw .outsideFolder(file: file) }
        return resolved
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Modification time and size, so that an edited prompt is not served from memory.
    static func version(of path: String) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { return "?" }
        return "\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)/\(info.st_size)"
    }
}
