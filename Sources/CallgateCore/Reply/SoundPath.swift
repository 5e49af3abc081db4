/// Keeps file names from scenarios inside the sounds folder.
public enum SoundPath {
    /// Refuses absolute paths, `..`, empty components, hidden files and control characters.
    public static func check(_ name: String, field: String) throws(ReplyError) {
        if name.hasPrefix("/") || name.hasPrefix("~") {
            throw ReplyError(field: field, problem: "must be relative to the sounds folder, got \"\(name)\"")
        }
        if name.contains("\\") || name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw ReplyError(field: field, problem: "contains a backslash or a control character")
        }
        for component in name.split(separator: "/", omittingEmptySubsequences: false) {
            if component == ".." {
                throw ReplyError(field: field, problem: "must not climb out of the sounds folder (\"..\"), got \"\(name)\"")
            }
            if component.isEmpty || component == "." || component.hasPrefix(".") {
                throw ReplyError(field: field, problem: "has an empty, \".\" or hidden path component, got \"\(name)\"")
            }
        }
    }
}
